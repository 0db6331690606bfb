import Foundation
import LineEditor
import LocalEndpoint
import LocalServices
import TerminalUI

/// `queue …`: the session's local SQS queues (standard and FIFO), the targets of DLQs and destinations.
extension Command {
    static let queueSubcommands = ["create", "send", "receive", "delete", "purge", "attrs", "list"]

    static let queue = Command(
        "queue", group: .runtime,
        summary: "Local SQS queues: create, send, receive, delete, purge, attrs, list",
        usage: [
            "queue create NAME [--visibility S] [--dlq QUEUE --max-receive N]", "queue create NAME.fifo [--content-dedup] [--visibility S]",
            "queue send NAME BODY", "queue send NAME.fifo BODY --group G [--dedup ID]", "queue receive NAME [--max N]", "queue delete NAME RECEIPT-HANDLE",
            "queue purge NAME", "queue attrs NAME", "queue list",
        ],
        discussion: """
        In-memory SQS standard queues for this session, named as on AWS (arn:aws:sqs:us-east-1:123456789012:NAME). \
        A received message is hidden for the visibility timeout (default 30 s; `time scale` speeds it up) and \
        comes back unless deleted; with --dlq and --max-receive it moves to that queue after N receives. Use a \
        queue's ARN as a function's dlq= or on-failure= setting. A name ending .fifo makes a FIFO queue: every send \
        needs --group (MessageGroupId); messages of a group are received in order, and none of a group while an earlier \
        one is in flight; a send with a --dedup ID (or, with --content-dedup, the same body) seen in the last \
        \(QueueLimits.fifoDeduplicationInterval / 60) minutes is accepted but not delivered again. Simplification: a standard queue never duplicates a message itself.
        """,
        examples: ["queue create failures", "queue create jobs --visibility 60 --dlq failures --max-receive 3",
                   "queue send jobs '{\"id\": 1}'", "queue receive failures --max 10", "fn config hello dlq=arn:aws:sqs:us-east-1:123456789012:failures"],
        options: [
            OptionSpec("visibility", value: "S", help: "visibility timeout in seconds (0–43200)"),
            OptionSpec("dlq", value: "QUEUE", help: "redrive to this queue after --max-receive receives"),
            OptionSpec("max-receive", value: "N", help: "receives before a message moves to the DLQ (1–1000)"),
            OptionSpec("max", value: "N", help: "messages to receive at once (1–10)"),
            OptionSpec("group", value: "G", help: "send: MessageGroupId (FIFO queues)"),
            OptionSpec("dedup", value: "ID", help: "send: MessageDeduplicationId (FIFO queues)"),
            OptionSpec("content-dedup", help: "create: ContentBasedDeduplication (FIFO queues)"),
        ],
        complete: { request, session in
            request.precedingWords.count == 1 ? queueSubcommands : (session.existingService(AsyncService.self)?.queues.list() ?? [])
        },
        run: { context in
            let queues = AsyncService.of(context.session).queues
            let arguments = context.arguments
            let style = context.console.style
            do {
                switch arguments.positional(0) ?? "list" {
                case "list":
                    let names = queues.list()
                    if names.isEmpty { context.console.line("No queues yet. Make one: " + style.code("queue create failures")) }
                    for name in names { context.console.line("  \(name)  \(queues.arn(name))") }
                case "create":
                    let name = try arguments.required(1, "a queue name")
                    let visibility = try arguments.option("visibility").map { try Arguments.integer($0, "--visibility") } ?? QueueLimits.defaultVisibilityTimeout
                    var redrive: RedrivePolicy?
                    if let dlq = arguments.option("dlq") {
                        let count = try Arguments.integer(try arguments.option("max-receive") ?? { throw CommandError("--dlq needs --max-receive N") }(), "--max-receive")
                        redrive = RedrivePolicy(deadLetterTargetArn: queues.arn(try queues.queueName(dlq)), maxReceiveCount: count)
                    }
                    try queues.create(name, visibilityTimeout: visibility, redrive: redrive, contentBasedDeduplication: arguments.flag("content-dedup"))
                    context.console.line(style.success("✓") + " Queue \(name): \(queues.arn(name))")
                    // The URL the API hands out while it runs; any host names the same queue.
                    let host = context.session.existingService(APIService.self)?.running?.endpoint.replacingOccurrences(of: "http://", with: "")
                    context.console.line("  url: \(queues.url(name, host: host ?? "localhost"))")
                case "send":
                    let name = try arguments.required(1, "a queue name")
                    let body = try arguments.required(2, "the message body")
                    let sent = try queues.sendMessage(name, body: body, messageGroupId: arguments.option("group"), messageDeduplicationId: arguments.option("dedup"))
                    context.console.line("MessageId \(sent.messageId)" + (sent.sequenceNumber.map { "  SequenceNumber \($0)" } ?? ""))
                    if sent.deduplicated {
                        context.console.line(style.muted("  A duplicate: this deduplication ID was sent in the last \(QueueLimits.fifoDeduplicationInterval / 60) minutes, so SQS accepts it and delivers nothing new."))
                    }
                case "receive":
                    let name = try arguments.required(1, "a queue name")
                    let maximum = try arguments.option("max").map { try Arguments.integer($0, "--max") } ?? 1
                    let messages = try queues.receive(name, maximum: maximum)
                    if messages.isEmpty { context.console.line("No visible messages in \(name).") }
                    for message in messages {
                        context.console.line(style.bold("MessageId \(message.messageID)") + "  (received \(message.receiveCount)×)"
                                             + (message.messageGroupId.map { "  group \($0)" } ?? "") + (message.sequenceNumber.map { "  seq \($0)" } ?? ""))
                        for (key, value) in message.attributes.sorted(by: { $0.key < $1.key }) {
                            context.console.line("  \(key) (\(value.dataType)): \(value.stringValue)")
                        }
                        context.console.line("  " + message.body)
                        context.console.line(style.muted("  ReceiptHandle \(message.receiptHandle ?? "")"))
                    }
                case "delete":
                    try queues.deleteMessage(try arguments.required(1, "a queue name"), receiptHandle: try arguments.required(2, "a receipt handle"))
                    context.console.line(style.success("✓") + " Deleted.")
                case "purge":
                    let count = try queues.purge(try arguments.required(1, "a queue name"))
                    context.console.line(style.success("✓") + " Purged \(count) message\(count == 1 ? "" : "s").")
                case "attrs":
                    for (key, value) in try queues.attributes(try arguments.required(1, "a queue name")).sorted(by: { $0.key < $1.key }) {
                        context.console.line("  \(key): \(value)")
                    }
                case let other:
                    throw CommandError("unknown queue command '\(other)'", hint: "one of: " + queueSubcommands.joined(separator: ", "))
                }
            } catch let error as LocalServiceError {
                throw CommandError("\(error.code): \(error.message)")
            }
        })
}
