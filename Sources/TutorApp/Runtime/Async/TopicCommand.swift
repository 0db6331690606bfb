import Foundation
import LambdaService
import LineEditor
import LocalServices
import MiniLambda
import TerminalUI

/// `topic …`: the session's local SNS topics — one publish fanned out to queues and functions
/// (the same topics the SNS API, DLQs and destinations use).
extension Command {
    static let topicSubcommands = ["create", "list", "show", "publish", "subscribe", "unsubscribe", "rm"]

    static let topic = Command(
        "topic", group: .runtime,
        summary: "Local SNS topics: subscribe queues and functions, publish (fan-out)",
        usage: [
            "topic create NAME", "topic list", "topic show NAME",
            "topic subscribe NAME --queue Q [--raw] [--filter JSON [--filter-body]]",
            "topic subscribe NAME --function F [--filter JSON [--filter-body]]",
            "topic publish NAME MESSAGE [--subject S] [--attr KEY=VALUE]… [--number KEY=N]…",
            "topic unsubscribe SUBSCRIPTION-ID|ARN", "topic rm NAME",
        ],
        discussion: """
        In-memory SNS standard topics for this session, named as on AWS (arn:aws:sns:us-east-1:123456789012:NAME). \
        A publish goes to every subscription at once: a queue gets SNS's JSON envelope (Type, MessageId, TopicArn, \
        Message, Timestamp, …) as its message body, or the message itself with --raw (RawMessageDelivery); a function \
        is invoked asynchronously with SNS's event (Records[].Sns), so retries, its DLQ and destinations apply \
        ('timeline' shows it). A topic's ARN also works as a function's dlq=, on-success= or on-failure= target. \
        --filter sets the subscription's FilterPolicy (SNS's JSON: exact values, prefix, suffix, anything-but, \
        numeric ranges, exists), matched against the message attributes, or with --filter-body against the \
        message's JSON (FilterPolicyScope MessageBody); a message it keeps out is counted, not delivered. \
        Simplifications: standard topics only, no delivery retries (a failed delivery is counted \
        in 'topic show'), only sqs and lambda subscriptions, no cidr or $or in filters, and messages are not signed.
        """,
        examples: [
            "topic create orders", "topic subscribe orders --queue audit", "topic subscribe orders --function notify",
            "topic subscribe orders --queue web-orders --filter '{\"channel\": [\"web\"]}'",
            "topic publish orders '{\"id\": 7}' --subject 'New order' --attr channel=web --number total=42", "topic show orders",
        ],
        options: [
            OptionSpec("queue", value: "Q", help: "subscribe: a queue (name, URL or ARN)"),
            OptionSpec("function", value: "F", help: "subscribe: a function (NAME or NAME:QUALIFIER)"),
            OptionSpec("raw", help: "subscribe --queue: RawMessageDelivery (the message itself, no envelope)"),
            OptionSpec("subject", value: "S", help: "publish: the Subject"),
            OptionSpec("filter", value: "JSON", help: "subscribe: the FilterPolicy (on message attributes)"),
            OptionSpec("filter-body", help: "subscribe --filter: match the message body's JSON (FilterPolicyScope MessageBody)"),
            OptionSpec("attr", value: "KEY=VALUE", help: "publish: a String message attribute (repeat for more)"),
            OptionSpec("number", value: "KEY=N", help: "publish: a Number message attribute (repeat for more)"),
        ],
        complete: { request, session in
            request.precedingWords.count == 1 ? topicSubcommands : (session.existingService(AsyncService.self)?.topics.list() ?? [])
        },
        run: { context in
            let service = AsyncService.of(context.session)
            let topics = service.topics
            let arguments = context.arguments
            let console = context.console
            let style = console.style
            do {
                switch arguments.positional(0) ?? "list" {
                case "list":
                    let names = topics.list()
                    if names.isEmpty { console.line("No topics yet. Make one: " + style.code("topic create orders")) }
                    for name in names {
                        let count = (try? topics.subscriptions(topic: name).count) ?? 0
                        console.line("  \(name)  \(topics.arn(name))  \(count) subscription\(count == 1 ? "" : "s")")
                    }
                case "create":
                    let name = try arguments.required(1, "a topic name")
                    let arn = try topics.create(name)
                    console.line(style.success("✓") + " Topic \(name): \(arn)")
                    console.line("  next: " + style.code("topic subscribe \(name) --queue Q") + " or " + style.code("topic subscribe \(name) --function F"))
                case "show":
                    let name = try topics.topicName(try arguments.required(1, "a topic"))
                    for line in topicDetail(topics, name, style: style) { console.say(line, hanging: 12) }
                case "subscribe":
                    let name = try topics.topicName(try arguments.required(1, "a topic"))
                    let arn: String
                    var attributes: [String: String] = [:]
                    if let filter = arguments.option("filter") {
                        attributes["FilterPolicy"] = filter
                        if arguments.flag("filter-body") { attributes["FilterPolicyScope"] = SubscriptionFilter.Scope.messageBody.rawValue }
                    } else if arguments.flag("filter-body") {
                        throw CommandError("--filter-body goes with --filter JSON")
                    }
                    switch (arguments.option("queue"), arguments.option("function")) {
                    case (let queue?, nil):
                        let queueArn = service.queues.arn(try service.queues.queueName(queue))
                        if arguments.flag("raw") { attributes["RawMessageDelivery"] = "true" }
                        arn = try topics.subscribe(name, protocol: "sqs", endpoint: queueArn, attributes: attributes)
                    case (nil, let function?):
                        guard !arguments.flag("raw") else { throw CommandError("--raw goes with --queue: a function always gets SNS's event") }
                        let reference = try FunctionReference(parsing: function, qualifier: nil)
                        guard RuntimeService.of(context.session).registry.exists(reference.name) else {
                            throw CommandError("no function \(reference.name)", hint: "'fn list' lists them")
                        }
                        let functionArn = "arn:aws:lambda:\(LambdaIdentity.region):\(LambdaIdentity.accountID):function:\(reference.name)" + (reference.qualifier.map { ":\($0)" } ?? "")
                        arn = try topics.subscribe(name, protocol: "lambda", endpoint: functionArn, attributes: attributes)
                    default:
                        throw CommandError("topic subscribe needs either --queue Q or --function F")
                    }
                    let subscription = try topics.subscription(arn)
                    console.line(style.success("✓") + " \(subscription.protocol) \(subscription.endpointName) subscribed to \(name)\(subscription.rawMessageDelivery ? " (raw)" : "")")
                    console.line("  subscription id \(subscription.id)")
                    if let filter = subscription.filter {
                        console.say("  filter (\(filter.scope == .messageBody ? "on the message body" : "on message attributes")): \(filter.policy)", hanging: 4)
                    }
                case "publish":
                    let name = try topics.topicName(try arguments.required(1, "a topic"))
                    let message = try arguments.required(2, "the message")
                    var attributes: [String: MessageAttributeValue] = [:]
                    for pair in arguments.options("attr") {
                        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { throw CommandError("--attr takes KEY=VALUE, got '\(pair)'") }
                        attributes[String(pair[..<equals])] = MessageAttributeValue(stringValue: String(pair[pair.index(after: equals)...]))
                    }
                    for pair in arguments.options("number") {
                        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, Double(pair[pair.index(after: equals)...]) != nil else {
                            throw CommandError("--number takes KEY=N with N a number, got '\(pair)'")
                        }
                        attributes[String(pair[..<equals])] = MessageAttributeValue(dataType: "Number", stringValue: String(pair[pair.index(after: equals)...]))
                    }
                    let before = try topics.activity(name)
                    let id = try topics.publish(name, message: message, subject: arguments.option("subject"), attributes: attributes)
                    let after = try topics.activity(name)
                    console.line("MessageId \(id)")
                    func outcomes(_ activity: TopicActivity) -> Int { activity.delivered + activity.failed + activity.filteredOut }
                    for entry in after.recent.suffix(outcomes(after) - outcomes(before)) {
                        console.say("  " + entry.text, hanging: 4)
                    }
                    if outcomes(after) == outcomes(before) {
                        console.line(style.muted("  No subscriptions: the message went nowhere, as on SNS."))
                    }
                case "unsubscribe":
                    let word = try arguments.required(1, "a subscription id or ARN")
                    let arn = (try topics.subscriptions()).first { $0.arn == word || $0.id == word }?.arn ?? word
                    try topics.unsubscribe(arn)
                    console.line(style.success("✓") + " Unsubscribed.")
                case "rm", "delete":
                    let name = try topics.topicName(try arguments.required(1, "a topic"))
                    try topics.delete(name)
                    console.line(style.success("✓") + " Topic \(name) deleted, with its subscriptions.")
                case let other:
                    throw CommandError("unknown topic command '\(other)'", hint: "one of: " + topicSubcommands.joined(separator: ", "))
                }
            } catch let error as LocalServiceError {
                throw CommandError("\(error.code): \(error.message)", hint: error.code == .notFound ? "'topic list' lists the topics; 'topic create NAME' makes one" : nil)
            }
        })

    /// `topic show`: the topic's ARN, subscriptions and this session's deliveries.
    private static func topicDetail(_ topics: LocalTopics, _ name: String, style: Style) -> [String] {
        var lines = [style.bold("Topic \(name)") + "  \(topics.arn(name))"]
        let subscriptions = (try? topics.subscriptions(topic: name)) ?? []
        if subscriptions.isEmpty { lines.append("  " + style.muted("No subscriptions: 'topic subscribe \(name) --queue Q' adds one.")) }
        for subscription in subscriptions {
            lines.append("  \(subscription.protocol) \(subscription.endpointName)\(subscription.rawMessageDelivery ? " (raw)" : "")  "
                         + style.muted("id \(subscription.id)"))
            if let filter = subscription.filter {
                lines.append("    filter\(filter.scope == .messageBody ? " (body)" : ""): \(filter.policy)")
            }
        }
        let activity = (try? topics.activity(name)) ?? TopicActivity()
        lines.append("  Published \(activity.published), delivered \(activity.delivered), failed deliveries \(activity.failed)"
                     + (activity.filteredOut > 0 ? ", filtered out \(activity.filteredOut)" : ""))
        for entry in activity.recent { lines.append("  \(TimelineView.clock(entry.at))  \(entry.text)") }
        lines.append("  " + style.muted("Simplified: no delivery retries, unsigned messages."))
        return lines
    }
}
