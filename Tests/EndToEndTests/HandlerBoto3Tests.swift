import Foundation
import Testing
import TestSupport

/// A real sandboxed Python handler that uses stock boto3 (installed by the test into a layer,
/// as a learner would) to send to a queue, invoke another function and publish to a topic: it
/// reaches the tutor's endpoint at AWS_ENDPOINT_URL, never the internet. CI runs this suite
/// again as an ordinary user.
@Suite("boto3 inside a handler", .serialized)
struct HandlerBoto3Tests {
    static let sender = """
    import json, os
    import boto3

    def lambda_handler(event, context):
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName="outbox")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="from the sandbox " + event.get("tag", ""))
        # A queue URL names the queue by account and name, whatever its host.
        sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/outbox", MessageBody="any host")
        reply = boto3.client("lambda").invoke(FunctionName="echo", Payload=json.dumps({"n": 41}))
        boto3.client("sns").publish(TopicArn="arn:aws:sns:us-east-1:123456789012:news", Message="published inside")
        return {"endpoint": os.environ["AWS_ENDPOINT_URL"], "echo": json.loads(reply["Payload"].read())}

    """
    static let echo = """
    def lambda_handler(event, context):
        return {"n": event["n"] + 1}

    """

    @Test("send, invoke and publish from a handler, in a sandbox and on the machine's network")
    func boto3ReachesTheTutor() throws {
        let venv = try PythonVenv.forTest(["boto3"])
        let home = try TemporaryDirectory(prefix: "handler-boto3")
        try Self.layer(from: venv, into: home.url.appendingPathComponent("boto3-layer/python"))
        try Self.sender.write(to: home.url.appendingPathComponent("sender.py"), atomically: true, encoding: .utf8)
        try Self.echo.write(to: home.url.appendingPathComponent("echo.py"), atomically: true, encoding: .utf8)
        let script = """
        fn new echo --from \(home.path)/echo.py
        fn new sender --from \(home.path)/sender.py
        layer publish boto3 \(home.path)/boto3-layer
        fn config sender layers=boto3:1 timeout=60 memory=512
        queue create outbox
        topic create news
        topic subscribe news --queue outbox --raw
        invoke sender --payload '{"tag": "one"}'
        fn config sender network=host
        invoke sender --payload '{"tag": "two"}'
        queue receive outbox --max 10
        quit
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: TutorBinary.environment(home: home), timeout: 300)
        let out = result.stdout + result.stderr
        #expect(result.status == 0, "\(out.suffix(4000))")
        // The REPL prints the responses as indented JSON.
        #expect(out.components(separatedBy: #""n" : 42"#).count == 3, "both invokes reached echo through the Lambda API: \(out.suffix(4000))")
        let ports = out.components(separatedBy: #""endpoint" : "http://127.0.0.1:"#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        // In its sandbox the endpoint is the inside port; on the machine's network, the
        // tutor's endpoint on the machine's loopback.
        #expect(ports.count == 2 && ports.first == "4566" && ports.last != "4566", "\(ports)")
        for body in ["from the sandbox one", "from the sandbox two", "any host", "published inside"] {
            #expect(out.contains(body), "\(body) reached the queue: \(out.suffix(4000))")
        }
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty, "no runtime process outlives the tutor")
    }

    /// boto3 and what it needs, copied from the venv pip made into a layer's `python/` folder
    /// (no second download).
    static func layer(from venv: PythonVenv, into folder: URL) throws {
        let lib = venv.directory.url.appendingPathComponent("venv/lib")
        let version = try #require(try FileManager.default.contentsOfDirectory(atPath: lib.path).first { $0.hasPrefix("python3") })
        let sitePackages = lib.appendingPathComponent("\(version)/site-packages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let wanted = ["boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py"]
        for item in try FileManager.default.contentsOfDirectory(atPath: sitePackages.path) where wanted.contains(item) {
            try FileManager.default.copyItem(at: sitePackages.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
    }
}
