import Foundation
import LambdaModel
import LambdaService
import LocalServices
import LineEditor
import TerminalUI

/// `esm …`: event source mappings from the session's local SQS queues to functions — the
/// poller Lambda runs for you, here in the tutor (the same mappings the API's
/// CreateEventSourceMapping and friends manage).
extension Command {
    static let esmSubcommands = ["create", "list", "show", "wait", "update", "enable", "disable", "rm"]

    static let esm = Command(
        "esm", group: .runtime,
        summary: "Event source mappings: a queue's messages delivered to a function in batches",
        usage: [
            "esm create --queue Q --function F [--batch-size N] [--window S] [--report-failures] [--filter JSON]… [--max-concurrency N] [--disabled]",
            "esm list", "esm show MAPPING", "esm wait MAPPING [--seconds N]", "esm update MAPPING [--batch-size N] [--window S] [--report-failures|--no-report-failures] [--filter JSON]… [--no-filter]",
            "esm enable MAPPING", "esm disable MAPPING", "esm rm MAPPING",
        ],
        discussion: """
        A mapping polls a local queue and invokes the function synchronously with a batch of up to --batch-size \
        messages (default \(Facts.sqsBatchDefault.int); above \(Facts.sqsBatchMaxWithoutWindow.int) a --window of at least \(Facts.sqsLargeBatchWindowMin.int) s is needed) \
        in the SQS event shape (Records[]). A batch that succeeds is deleted from the queue; a failed one stays and \
        comes back after the queue's visibility timeout, so a poison message keeps failing until the queue's \
        redrive policy (queue create … --dlq D --max-receive N) moves it to the DLQ. With --report-failures the \
        handler returns {"batchItemFailures": [{"itemIdentifier": MESSAGE-ID}]} and only those messages stay. \
        --filter takes an event filtering pattern (e.g. '{"body": {"type": ["order"]}}'); messages it rejects are \
        deleted without invoking the function, as on AWS. The function's timeout must not exceed the queue's \
        visibility timeout. MAPPING is a mapping's UUID, or its queue's or function's name when only one mapping \
        has it. `esm wait` waits (up to --seconds, default \(esmWaitDefault) real seconds) until the mapping's queue is empty \
        — every message processed, filtered out or moved to the DLQ; `time scale 60` makes visibility timeouts pass quickly. Simplification: a mapping runs at most \(Facts.sqsInitialBatches.int) batches at once and does not scale up by the minute.
        """,
        examples: [
            "esm create --queue jobs --function worker", "esm create --queue jobs --function worker --batch-size 5 --report-failures",
            "esm create --queue orders --function worker --filter '{\"body\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}'",
            "esm list", "esm show 1b2c…", "esm disable 1b2c…", "esm rm 1b2c…",
        ],
        options: [
            OptionSpec("queue", value: "Q", help: "create: the queue (name, URL or ARN) to poll"),
            OptionSpec("function", value: "F", help: "the function (NAME or NAME:QUALIFIER) to invoke"),
            OptionSpec("batch-size", value: "N", help: "most messages per batch (1–\(Facts.sqsBatchMaxStandard.int), default \(Facts.sqsBatchDefault.int))"),
            OptionSpec("window", value: "S", help: "batching window: wait up to S seconds to fill a batch (0–\(Facts.batchWindowMax.int))"),
            OptionSpec("report-failures", help: "ReportBatchItemFailures: the handler names the failed messages"),
            OptionSpec("no-report-failures", help: "update: turn ReportBatchItemFailures off"),
            OptionSpec("filter", value: "JSON", help: "a filter pattern (repeat for OR; up to \(Facts.esmFiltersDefault.int))"),
            OptionSpec("no-filter", help: "update: remove the filters"),
            OptionSpec("max-concurrency", value: "N", help: "ScalingConfig.MaximumConcurrency (\(Facts.sqsMaxConcurrencyMin.int)–\(Facts.sqsMaxConcurrencyMax.int))"),
            OptionSpec("disabled", help: "create: start disabled"),
            OptionSpec("seconds", value: "N", help: "wait: give up after N real seconds (default \(esmWaitDefault))"),
        ],
        complete: { request, session in
            request.precedingWords.count == 1 ? esmSubcommands : (session.existingService(AsyncService.self)?.mappings.uuids() ?? [])
        },
        run: { context in
            let mappings = AsyncService.of(context.session).mappings
            let arguments = context.arguments
            let console = context.console
            let style = console.style
            switch arguments.positional(0) ?? "list" {
            case "list":
                let all = try mapped { try mappings.list() }
                if all.isEmpty { console.line("No event source mappings yet. Make one: " + style.code("esm create --queue jobs --function worker")) }
                for mapping in all { console.line(ESMView.summary(mapping, counts: mappings.counts(mapping.uuid))) }
            case "create":
                var request = try esmRequest(arguments)
                request.eventSourceArn = try queueArn(mappings.queues, try arguments.option("queue") ?? { throw CommandError("esm create needs --queue Q") }())
                guard request.functionName != nil else { throw CommandError("esm create needs --function F") }
                if arguments.flag("disabled") { request.enabled = false }
                let created = try mapped { try mappings.create(request) }
                console.line(style.success("✓") + " Mapping \(style.bold(created.uuid)): \(ESMView.queueName(created)) → \(created.functionName), batches of up to \(created.batchSize)\(created.enabled ? "" : " (disabled)")")
                console.line("  watch it: " + style.code("esm show \(created.uuid)") + "   send work: " + style.code("queue send \(ESMView.queueName(created)) '{\"id\": 1}'"))
            case "show":
                let mapping = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)"))
                console.line(ESMView.detail(mapping, counts: mappings.counts(mapping.uuid), activity: mappings.activity(mapping.uuid), style: style))
            case "wait":
                let mapping = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)"))
                let seconds = try arguments.option("seconds").map { try Arguments.integer($0, "--seconds", in: 1...600) } ?? esmWaitDefault
                let deadline = ContinuousClock.now + .seconds(seconds)
                while !mappings.isDrained(mapping.uuid), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let counts = mappings.counts(mapping.uuid)
                let totals = "\(counts.deleted) deleted after processing, \(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"), \(counts.filtered) filtered out"
                if mappings.isDrained(mapping.uuid) {
                    console.line("Queue \(ESMView.queueName(mapping)) is empty: \(totals).")
                } else {
                    let left = (try? mappings.queues.peek(mapping.eventSourceArn).count) ?? 0
                    console.line("Still \(left) message\(left == 1 ? "" : "s") in \(ESMView.queueName(mapping)) after \(seconds) s (\(totals)); a failed batch waits for the visibility timeout — 'time scale 60' speeds that up.")
                }
            case "update":
                let uuid = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)")).uuid
                let updated = try mapped { try mappings.update(uuid, try esmRequest(arguments)) }
                console.line(style.success("✓") + " " + ESMView.summary(updated, counts: mappings.counts(uuid)))
            case "enable", "disable":
                let uuid = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)")).uuid
                let updated = try mapped { try mappings.update(uuid, EventSourceMappingRequest(enabled: arguments.positional(0) == "enable")) }
                console.line(style.success("✓") + " Mapping \(uuid) is \(updated.state.lowercased()).")
            case "rm", "delete":
                let uuid = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)")).uuid
                let deleted = try mapped { try mappings.delete(uuid) }
                console.line(style.success("✓") + " Mapping \(uuid) deleted; \(ESMView.queueName(deleted))'s messages stay in the queue.")
            case let other:
                throw CommandError("unknown esm command '\(other)'", hint: "one of: " + esmSubcommands.joined(separator: ", "))
            }
        })

    static let esmWaitDefault = 20

    /// The mapping a word names: its UUID, or the name of its queue or function when exactly
    /// one mapping has it (lessons cannot know a UUID in advance).
    private static func resolve(_ mappings: EventSourceMappings, _ word: String) throws -> EventSourceMapping {
        if let mapping = try? mappings.get(word) { return mapping }
        let all = (try? mappings.list()) ?? []
        let named = all.filter { ESMView.queueName($0) == word || $0.functionName == word || "\($0.functionName):\($0.qualifier ?? "")" == word }
        switch named.count {
        case 1: return named[0]
        case 0: throw CommandError("no event source mapping \(word)", hint: "'esm list' lists them by UUID, queue and function")
        default: throw CommandError("\(named.count) mappings match \(word); name one by its UUID", hint: named.map(\.uuid).joined(separator: ", "))
        }
    }

    /// The settings `esm create` and `esm update` share.
    private static func esmRequest(_ arguments: Arguments) throws -> EventSourceMappingRequest {
        var request = EventSourceMappingRequest()
        request.functionName = arguments.option("function")
        request.batchSize = try arguments.option("batch-size").map { try Arguments.integer($0, "--batch-size") }
        request.maximumBatchingWindow = try arguments.option("window").map { try Arguments.integer($0, "--window") }
        request.maximumConcurrency = try arguments.option("max-concurrency").map { try Arguments.integer($0, "--max-concurrency") }
        if arguments.flag("report-failures") && arguments.flag("no-report-failures") {
            throw CommandError("--report-failures and --no-report-failures contradict each other")
        }
        if arguments.flag("report-failures") { request.functionResponseTypes = ["ReportBatchItemFailures"] }
        if arguments.flag("no-report-failures") { request.functionResponseTypes = [] }
        let filters = arguments.options("filter")
        if arguments.flag("no-filter") {
            guard filters.isEmpty else { throw CommandError("--filter and --no-filter contradict each other") }
            request.filterPatterns = []
        } else if !filters.isEmpty {
            request.filterPatterns = filters
        }
        return request
    }

    /// A queue name, URL or ARN as the queue's ARN (refused, naming the queue, when there is none).
    private static func queueArn(_ queues: LocalQueues, _ reference: String) throws -> String {
        do throws(LocalServiceError) {
            return queues.arn(try queues.queueName(reference))
        } catch {
            throw CommandError("\(error.code): no queue \(reference) in this session", hint: "'queue create \(reference)' makes it; 'queue list' lists them")
        }
    }
}

extension EventSourceMappings {
    /// The mappings' ids, for completion.
    func uuids() -> [String] { (try? list().map(\.uuid)) ?? [] }
}
