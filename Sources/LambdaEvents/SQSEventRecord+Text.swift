import Foundation
import TutorSupport

extension SQSEventRecord {
    /// `{"Records": [...]}`, written as text in the order the `sqs` sample and Lambda use
    /// (messageId first, awsRegion last; message attributes by name). The same document as
    /// ``json`` (a test parses one and compares it with the other); written directly because an
    /// SQS mapping builds one for every batch it invokes, and going through `JSONSerialization`
    /// was most of the cost of a batch (BENCHMARKS.md, issue 15).
    package static func event(_ records: [SQSEventRecord]) -> Data {
        var out = "{\"Records\":["
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(",") }
            record.appendJSON(to: &out)
        }
        out.append("]}")
        return Data(out.utf8)
    }

    /// This record as one JSON object.
    func appendJSON(to out: inout String) {
        func field(_ name: String, _ value: String, first: Bool = false) {
            if !first { out.append(",") }
            out.append("\"\(name)\":")
            JSONText.appendQuoted(value, to: &out)
        }
        out.append("{")
        field("messageId", messageId, first: true)
        field("receiptHandle", receiptHandle)
        field("body", body)
        out.append(",\"attributes\":{")
        field("ApproximateReceiveCount", String(receiveCount), first: true)
        field("SentTimestamp", Self.milliseconds(sentAt))
        if let sequenceNumber { field("SequenceNumber", sequenceNumber) }
        if let messageGroupId { field("MessageGroupId", messageGroupId) }
        field("SenderId", senderId)
        if let messageDeduplicationId { field("MessageDeduplicationId", messageDeduplicationId) }
        if let firstReceivedAt { field("ApproximateFirstReceiveTimestamp", Self.milliseconds(firstReceivedAt)) }
        out.append("},\"messageAttributes\":{")
        for (index, name) in messageAttributes.keys.sorted().enumerated() {
            let attribute = messageAttributes[name]!
            if index > 0 { out.append(",") }
            JSONText.appendQuoted(name, to: &out)
            out.append(":{")
            field("stringValue", attribute.stringValue, first: true)
            out.append(",\"stringListValues\":[],\"binaryListValues\":[]")
            field("dataType", attribute.dataType)
            out.append("}")
        }
        out.append("}")
        field("md5OfBody", md5OfBody)
        field("eventSource", "aws:sqs")
        field("eventSourceARN", eventSourceARN)
        field("awsRegion", awsRegion)
        out.append("}")
    }
}
