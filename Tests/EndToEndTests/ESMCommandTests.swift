import Foundation
import Testing
import TestSupport

/// `esm` through the real binary in script mode with real Python handlers: a poison message
/// fails its whole batch until the redrive policy moves it (and its batch mate) to the DLQ;
/// with ReportBatchItemFailures only the bad message does; a filter deletes what it rejects.
@Suite("esm command", .serialized)
struct ESMCommandTests {
    static let strict = """
    import json
    def lambda_handler(event, context):
        for record in event["Records"]:
            json.loads(record["body"])
        return {"processed": len(event["Records"])}

    """
    static let partial = """
    import json
    def lambda_handler(event, context):
        failures = []
        for record in event["Records"]:
            try:
                json.loads(record["body"])
            except ValueError:
                failures.append({"itemIdentifier": record["messageId"]})
        return {"batchItemFailures": failures}

    """

    @Test("poison messages, partial batch responses and filters, as a learner types them")
    func poisonPartialAndFilter() throws {
        let home = try TemporaryDirectory(prefix: "esm-command")
        try Self.strict.write(to: home.url.appendingPathComponent("strict.py"), atomically: true, encoding: .utf8)
        try Self.partial.write(to: home.url.appendingPathComponent("partial.py"), atomically: true, encoding: .utf8)
        let script = """
        fn new strict --from \(home.path)/strict.py
        fn new partial --from \(home.path)/partial.py
        queue create dlq
        queue create jobs --visibility 5 --dlq dlq --max-receive 2
        esm create --queue jobs --function strict --disabled
        queue send jobs '{"n": 1}'
        queue send jobs 'poison'
        time scale 60
        esm enable jobs
        esm wait jobs
        esm show jobs
        queue attrs dlq
        queue create dlq2
        queue create jobs2 --visibility 5 --dlq dlq2 --max-receive 2
        esm create --queue jobs2 --function partial --report-failures --disabled
        queue send jobs2 '{"n": 2}'
        queue send jobs2 'poison 2'
        esm enable jobs2
        esm wait jobs2
        queue receive dlq2 --max 10
        queue create orders
        esm create --queue orders --function partial --filter '{"body": {"amount": [{"numeric": [">", 100]}]}}' --disabled
        queue send orders '{"amount": 250}'
        queue send orders '{"amount": 5}'
        esm enable orders
        esm wait orders
        esm list
        esm create --queue jobs --function strict
        quit
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: TutorBinary.environment(home: home), timeout: 300)
        let out = result.stdout + result.stderr
        // The last line is refused on purpose (a second mapping of the same pair), so exit 1.
        #expect(result.status == 1, "\(out.suffix(3000))")
        #expect(out.contains("Queue jobs is empty: 0 deleted after processing, 2 failed batches"), "\(out.suffix(3000))")
        #expect(out.contains("ApproximateNumberOfMessages: 2"), "both messages of the failing batch reach the DLQ: \(out.suffix(3000))")
        #expect(out.contains("Queue jobs2 is empty: 1 deleted after processing, 0 failed batches"), "\(out.suffix(3000))")
        #expect(out.contains("poison 2") && !out.contains("{\"n\": 2}\n  ReceiptHandle"), "only the reported message reaches dlq2")
        #expect(out.contains("Queue orders is empty: 1 deleted after processing, 0 failed batches, 1 filtered out"), "\(out.suffix(3000))")
        #expect(out.contains("ResourceConflictException"), "\(out.suffix(2000))")
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty, "no runtime process outlives the tutor")
    }
}
