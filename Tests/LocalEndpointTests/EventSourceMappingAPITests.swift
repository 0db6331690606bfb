import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import TestSupport
import Testing
import TutorSupport

/// boto3 against the tutor's event source mapping operations, then the poller delivering a
/// real batch to the Python handler boto3 created: shapes, statuses and AWS's refusals.
@Suite(.serialized)
struct EventSourceMappingAPITests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_esm_driver.py").path

    @Test func boto3ManagesMappingsAndThePollerDeliversToTheHandler() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let queues = harness.mappings.queues
            try queues.create("jobs", visibilityTimeout: 30)
            try queues.create("other", visibilityTimeout: 30)
            let python = venv.python
            let arguments = [Self.driver, harness.endpoint, queues.arn("jobs"), queues.arn("other")]
            let run = await OwnThread.run { PythonVenv.run(python, arguments) }
            #expect(run.status == 0, "\(run.output)")
            let line = try #require(run.output.split(separator: "\n").last)
            let results = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func code(_ key: String) -> String? { results[key]?["code"] as? String }

            let created = try #require(results["create"])
            #expect(status("create") == 202)
            #expect(created["State"] as? String == "Creating")
            #expect(created["BatchSize"] as? Int == 5)
            #expect(created["EventSourceArn"] as? String == queues.arn("jobs"))
            #expect((created["FunctionArn"] as? String)?.hasSuffix(":function:w") == true)
            #expect(created["FunctionResponseTypes"] as? [String] == ["ReportBatchItemFailures"])
            #expect(((created["FilterCriteria"] as? [String: Any])?["Filters"] as? [[String: String]])?.first?["Pattern"] == #"{"body": {"kind": ["job"]}}"#)
            #expect(status("get") == 200 && results["get"]?["State"] as? String == "Enabled")
            #expect((results["list"]?["EventSourceMappings"] as? [Any])?.count == 1)
            #expect(code("again") == "ResourceConflictException" && status("again") == 409)
            #expect(code("big_batch") == "InvalidParameterValueException")
            #expect(code("missing_queue") == "InvalidParameterValueException")
            #expect(code("missing_function") == "ResourceNotFoundException")
            #expect(code("stream_setting") == "InvalidParameterValueException")
            #expect(code("update_bad") == "InvalidParameterValueException")
            #expect(status("update") == 202 && results["update"]?["BatchSize"] as? Int == 50 && results["update"]?["State"] as? String == "Updating")
            #expect((results["list_page"]?["EventSourceMappings"] as? [Any])?.count == 1 && results["list_page"]?["NextMarker"] as? String == "1")
            #expect(status("delete") == 202 && results["delete"]?["State"] as? String == "Deleting")
            #expect(code("get_deleted") == "ResourceNotFoundException" && status("get_deleted") == 404)

            // The poller: the window of 1 s is open, so wait it out on the real clock; the
            // filtered message is deleted unseen, the bad one stays, the good one is deleted.
            for body in [#"{"kind": "job", "n": 1}"#, #"{"kind": "job", "bad": true}"#, #"{"kind": "noise"}"#] {
                try queues.send("jobs", body: body)
            }
            var invoked = 0
            for _ in 0..<100 where invoked == 0 {
                invoked = await harness.mappings.runDue()
                if invoked == 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(invoked == 1)
            #expect(try queues.peek("jobs").map(\.body) == [#"{"kind": "job", "bad": true}"#])
            let uuid = try #require(created["UUID"] as? String)
            #expect(harness.mappings.counts(uuid).filtered == 1)
            #expect(harness.mappings.counts(uuid).itemFailures == 1)
        }
    }

    static let kinesisDriver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_kinesis_esm_driver.py").path

    @Test func boto3CreatesAKinesisMappingAndABadRecordIsBisectedOut() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let streams = try #require(harness.mappings.streams)
            let queues = harness.mappings.queues
            try streams.create("clicks")
            try queues.create("stream-failures")
            let python = venv.python
            let arguments = [Self.kinesisDriver, harness.endpoint, streams.arn("clicks"), queues.arn("stream-failures")]
            let run = await OwnThread.run { PythonVenv.run(python, arguments) }
            #expect(run.status == 0, "\(run.output)")
            let line = try #require(run.output.split(separator: "\n").last)
            let results = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])
            func code(_ key: String) -> String? { results[key]?["code"] as? String }

            let created = try #require(results["create"])
            #expect(created["status"] as? Int == 202 && created["State"] as? String == "Creating")
            #expect(created["EventSourceArn"] as? String == streams.arn("clicks"))
            #expect(created["StartingPosition"] as? String == "TRIM_HORIZON" && created["BatchSize"] as? Int == 10)
            #expect(created["BisectBatchOnFunctionError"] as? Bool == true && created["MaximumRetryAttempts"] as? Int == 1)
            #expect(created["MaximumRecordAgeInSeconds"] as? Int == -1 && created["ParallelizationFactor"] as? Int == 1)
            #expect(((created["DestinationConfig"] as? [String: Any])?["OnFailure"] as? [String: String])?["Destination"] == queues.arn("stream-failures"))
            #expect(results["at_timestamp"]?["StartingPosition"] as? String == "AT_TIMESTAMP" && results["at_timestamp"]?["StartingPositionTimestamp"] != nil)
            #expect(code("again") == "ResourceConflictException")
            for key in ["no_position", "bad_parallelization", "bad_age", "sqs_only", "missing_stream", "update_tumbling"] {
                #expect(code(key) == "InvalidParameterValueException", "\(key): \(results[key] ?? [:])")
            }
            #expect(results["get"]?["StartingPosition"] as? String == "TRIM_HORIZON")
            #expect((results["list"]?["EventSourceMappings"] as? [Any])?.count == 2)
            #expect(results["update"]?["MaximumRecordAgeInSeconds"] as? Int == 604_800)

            // The poller: a real Python handler fails on record 2; bisect isolates it, its one
            // retry fails, its description goes to the queue; records 1 and 3 succeed.
            // A minute a second: retry delays pass quickly, the week-long record age stays far off.
            (harness.mappings.clock as? ScaledClock).map { try? $0.setScale(60) }
            for (n, bad) in [(1, false), (2, true), (3, false)] {
                try streams.put("clicks", partitionKey: "user-1", data: Data(#"{"n": \#(n), "bad": \#(bad)}"#.utf8))
            }
            let uuid = try #require(created["UUID"] as? String)
            for _ in 0..<1500 where !harness.mappings.isDrained(uuid) {
                await harness.mappings.runDue()
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(harness.mappings.isDrained(uuid))
            #expect(harness.mappings.counts(uuid).processed == 2 && harness.mappings.counts(uuid).discarded == 1)
            let failure = try #require(try queues.peek("stream-failures").first?.body)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(failure.utf8)) as? [String: Any])
            let info = try #require(object["KinesisBatchInfo"] as? [String: Any])
            #expect(info["batchSize"] as? Int == 1 && info["streamArn"] as? String == streams.arn("clicks"))
            #expect((object["requestContext"] as? [String: Any])?["condition"] as? String == "RetryAttemptsExhausted")
        }
    }
}

