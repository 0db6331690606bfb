import Foundation
import LambdaEvents
import Testing

/// The record builders the event source mappings invoke with write the shipped sample events'
/// records back field for field: the samples and the mappings show a learner one shape.
@Suite("Event records: the builders and the sample events agree")
struct EventRecordTests {
    private func sampleRecords(_ name: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: SampleEvents.data(name))
        let root = try #require(object as? [String: Any], "\(name) is an object")
        return try #require(root["Records"] as? [[String: Any]], "\(name) has Records")
    }

    private func date(milliseconds text: Any?) throws -> Date {
        let value = try #require((text as? String).flatMap(Int64.init), "a millisecond timestamp")
        return Date(timeIntervalSince1970: Double(value) / 1000)
    }

    @Test("SQSEventRecord writes each record of the sqs sample as shipped")
    func sqs() throws {
        let records = try sampleRecords("sqs")
        #expect(records.count == 2)
        for sample in records {
            let attributes = try #require(sample["attributes"] as? [String: String])
            let messageAttributes = try #require(sample["messageAttributes"] as? [String: [String: Any]])
            let built = SQSEventRecord(
                messageId: try #require(sample["messageId"] as? String), receiptHandle: try #require(sample["receiptHandle"] as? String),
                body: try #require(sample["body"] as? String), receiveCount: try #require(attributes["ApproximateReceiveCount"].flatMap(Int.init)),
                sentAt: try date(milliseconds: attributes["SentTimestamp"]), senderId: try #require(attributes["SenderId"]),
                firstReceivedAt: try attributes["ApproximateFirstReceiveTimestamp"].map { try date(milliseconds: $0) },
                messageAttributes: try messageAttributes.mapValues { value in
                    SQSEventRecord.MessageAttribute(stringValue: try #require(value["stringValue"] as? String), dataType: try #require(value["dataType"] as? String))
                },
                md5OfBody: try #require(sample["md5OfBody"] as? String), eventSourceARN: try #require(sample["eventSourceARN"] as? String),
                awsRegion: try #require(sample["awsRegion"] as? String))
            #expect(NSDictionary(dictionary: built.json) == NSDictionary(dictionary: sample), "\(built.json) vs \(sample)")
        }
        let event = try JSONSerialization.jsonObject(with: SQSEventRecord.event([])) as? [String: Any]
        #expect((event?["Records"] as? [Any])?.isEmpty == true)
    }

    @Test("The SQS event written as text is the records' JSON, for FIFO fields, attributes and strings that need escaping")
    func sqsEventText() throws {
        let awkward = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul \u{00} é 😀 \u{2028}"
        let records = [
            SQSEventRecord(messageId: "m-1", receiptHandle: awkward, body: awkward, receiveCount: 3,
                           sentAt: Date(timeIntervalSince1970: 1_796_000_000.1234), senderId: "AIDA",
                           firstReceivedAt: Date(timeIntervalSince1970: 1_796_000_001.9999), messageGroupId: "g\"1",
                           messageDeduplicationId: "d\n1", sequenceNumber: "18800000000000000001",
                           messageAttributes: ["b": .init(stringValue: awkward, dataType: "String"), "a\"": .init(stringValue: "1", dataType: "Number")],
                           md5OfBody: "0123", eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:q.fifo", awsRegion: "us-east-1"),
            SQSEventRecord(messageId: "m-2", receiptHandle: "r", body: "", receiveCount: 1, sentAt: Date(timeIntervalSince1970: 0),
                           senderId: "AIDA", md5OfBody: "d41d8cd98f00b204e9800998ecf8427e", eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:q",
                           awsRegion: "us-east-1"),
        ]
        let parsed = try #require(try JSONSerialization.jsonObject(with: SQSEventRecord.event(records)) as? [String: Any])
        let written = try #require(parsed["Records"] as? [[String: Any]])
        #expect(written.count == records.count)
        for (text, record) in zip(written, records) {
            #expect(NSDictionary(dictionary: text) == NSDictionary(dictionary: record.json), "\(text) vs \(record.json)")
        }
        // The sample's field order (Lambda's), and slashes as they are.
        let text = String(decoding: SQSEventRecord.event([records[1]]), as: UTF8.self)
        #expect(text.hasPrefix("{\"Records\":[{\"messageId\":\"m-2\",\"receiptHandle\""))
        #expect(text.contains("\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:q\",\"awsRegion\":\"us-east-1\"}]}"))
    }

    @Test("KinesisEventRecord writes each record of the kinesis sample as shipped")
    func kinesis() throws {
        let records = try sampleRecords("kinesis")
        #expect(records.count == 2)
        for sample in records {
            let kinesis = try #require(sample["kinesis"] as? [String: Any])
            let eventID = try #require(sample["eventID"] as? String)
            let sequence = try #require(kinesis["sequenceNumber"] as? String)
            #expect(eventID.hasSuffix(":" + sequence))
            let built = KinesisEventRecord(
                shardId: String(eventID.dropLast(sequence.count + 1)), sequenceNumber: sequence,
                partitionKey: try #require(kinesis["partitionKey"] as? String),
                data: try #require((kinesis["data"] as? String).flatMap { Data(base64Encoded: $0) }),
                approximateArrivalTimestamp: Date(timeIntervalSince1970: try #require(kinesis["approximateArrivalTimestamp"] as? Double)),
                invokeIdentityArn: try #require(sample["invokeIdentityArn"] as? String), awsRegion: try #require(sample["awsRegion"] as? String),
                eventSourceARN: try #require(sample["eventSourceARN"] as? String))
            #expect(NSDictionary(dictionary: built.json) == NSDictionary(dictionary: sample), "\(built.json) vs \(sample)")
        }
    }
}
