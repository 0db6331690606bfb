import Foundation
import LambdaModel
import LambdaService
import LocalServices
import LineEditor
import TerminalUI

/// `esm …`: event source mappings from the session's local SQS queues and streams to functions — the
/// poller Lambda runs for you, here in the tutor (the same mappings the API's
/// CreateEventSourceMapping and friends manage).
extension Command {
    static let esmSubcommands = ["create", "list", "show", "wait", "update", "enable", "disable", "rm"]

    static let esm = Command(
        "esm", group: .runtime,
        summary: "Event source mappings: a queue's messages or a stream's records delivered to a function in batches",
        usage: [
            "esm create --queue Q --function F [--batch-size N] [--window S] [--report-failures] [--filter JSON]… [--max-concurrency N] [--disabled]",
            "esm create --stream S --function F [--starting-position TRIM_HORIZON|LATEST|AT_TIMESTAMP [--timestamp ISO]] [--batch-size N] [--window S] [--bisect] [--max-retries N] [--max-age S] [--parallelization N] [--on-failure Q|TOPIC-ARN] [--report-failures] [--filter JSON]…",
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
        visibility timeout. \
        With --stream the mapping reads a stream's shards in order (default position TRIM_HORIZON here; the API requires one) \
        in batches of up to \(Facts.streamBatchDefault.int) records in the Kinesis event shape; a failing batch is retried and blocks its \
        shard until it succeeds, its records pass --max-age, it uses up --max-retries (-1 = until the records expire), \
        or --bisect has split out the bad record; a discarded batch's description goes to --on-failure (a queue, or a topic by its ARN). With \
        --report-failures the handler returns {"batchItemFailures": [{"itemIdentifier": SEQUENCE-NUMBER}]} and the \
        checkpoint moves to the lowest one. --parallelization N runs N batches per shard at once, in order per partition key. \
        MAPPING is a mapping's UUID, or its queue's or function's name when only one mapping \
        has it. `esm wait` waits (up to --seconds, default \(esmWaitDefault) real seconds) until the mapping's queue is empty \
        — every message processed, filtered out or moved to the DLQ; `time scale 60` makes visibility timeouts pass quickly. Simplification: a mapping runs at most \(Facts.sqsInitialBatches.int) batches at once and does not scale up by the minute.
        """,
        examples: [
            "esm create --queue jobs --function worker", "esm create --queue jobs --function worker --batch-size 5 --report-failures",
            "esm create --queue orders --function worker --filter '{\"body\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}'",
            "esm create --stream clicks --function counter --bisect --max-retries 2 --on-failure failures",
            "esm list", "esm show 1b2c…", "esm disable 1b2c…", "esm rm 1b2c…",
        ],
        options: [
            OptionSpec("queue", value: "Q", help: "create: the queue (name, URL or ARN) to poll"),
            OptionSpec("stream", value: "S", help: "create: the stream (name or ARN) to read"),
            OptionSpec("starting-position", value: "P", help: "stream: TRIM_HORIZON, LATEST or AT_TIMESTAMP"),
            OptionSpec("timestamp", value: "ISO", help: "stream: with AT_TIMESTAMP, e.g. 2026-12-02T15:00:00Z"),
            OptionSpec("bisect", help: "stream: BisectBatchOnFunctionError (split a failing batch in two)"),
            OptionSpec("no-bisect", help: "update: turn bisect off"),
            OptionSpec("max-retries", value: "N", help: "stream: MaximumRetryAttempts (-1 = until the records expire, or 0–\(Facts.streamMaxRetries.int))"),
            OptionSpec("max-age", value: "S", help: "stream: MaximumRecordAgeInSeconds (-1, or \(Facts.streamMinRecordAge.int)–\(Facts.streamMaxRecordAge.int))"),
            OptionSpec("parallelization", value: "N", help: "stream: ParallelizationFactor (\(Facts.parallelizationMin.int)–\(Facts.parallelizationMax.int))"),
            OptionSpec("on-failure", value: "Q", help: "stream: the queue (or SNS topic ARN) discarded batches are described to"),
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
                let all = try mappings.list()
                if all.isEmpty { console.line("No event source mappings yet. Make one: " + style.code("esm create --queue jobs --function worker")) }
                for mapping in all { console.line(ESMView.summary(mapping, counts: mappings.counts(mapping.uuid))) }
            case "create":
                var request = try esmRequest(arguments, queues: mappings.queues)
                if let stream = arguments.option("stream") {
                    guard arguments.option("queue") == nil else { throw CommandError("--queue and --stream: a mapping reads one source") }
                    request.eventSourceArn = try streamArn(mappings.streams, stream)
                    request.stream.startingPosition = arguments.option("starting-position")?.uppercased() ?? StartingPosition.trimHorizon.rawValue
                    if let text = arguments.option("timestamp") {
                        guard let date = try? Date(text, strategy: .iso8601) else { throw CommandError("--timestamp takes an ISO 8601 time such as 2026-12-02T15:00:00Z, got '\(text)'") }
                        request.stream.startingPositionTimestamp = date
                    }
                } else {
                    request.eventSourceArn = try queueArn(mappings.queues, try arguments.option("queue") ?? { throw CommandError("esm create needs --queue Q or --stream S") }())
                }
                guard request.functionName != nil else { throw CommandError("esm create needs --function F") }
                if arguments.flag("disabled") { request.enabled = false }
                let created = try mappings.create(request)
                console.line(style.success("✓") + " Mapping \(style.bold(created.uuid)): \(ESMView.queueName(created)) → \(created.functionName), batches of up to \(created.batchSize)\(created.enabled ? "" : " (disabled)")")
                let work = created.stream == nil ? "queue send \(ESMView.queueName(created)) '{\"id\": 1}'" : "stream put \(ESMView.queueName(created)) --key user-1 '{\"id\": 1}'"
                console.line("  watch it: " + style.code("esm show \(created.uuid)") + "   send work: " + style.code(work))
            case "show":
                let mapping = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)"))
                if mapping.stream != nil {
                    // Long lines (activity, a blocked lane) wrap between words, under their text.
                    for line in ESMView.streamDetail(mapping, counts: mappings.counts(mapping.uuid), activity: mappings.activity(mapping.uuid),
                                                     lanes: mappings.streamLanes(mapping.uuid), style: style).split(separator: "\n", omittingEmptySubsequences: false) {
                        console.say(String(line), hanging: line.hasPrefix("    ") ? 6 : 4)
                    }
                } else {
                    console.line(ESMView.detail(mapping, counts: mappings.counts(mapping.uuid), activity: mappings.activity(mapping.uuid), style: style))
                }
            case "wait":
                let mapping = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)"))
                let seconds = try arguments.option("seconds").map { try Arguments.integer($0, "--seconds", in: 1...600) } ?? esmWaitDefault
                let deadline = ContinuousClock.now + .seconds(seconds)
                while !mappings.isDrained(mapping.uuid), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                if mapping.stream != nil {
                    let counts = mappings.counts(mapping.uuid)
                    let totals = "\(counts.processed) record\(counts.processed == 1 ? "" : "s") processed, \(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"), \(counts.discarded) discarded, \(counts.filtered) filtered out"
                    if mappings.isDrained(mapping.uuid) {
                        console.line("Stream \(ESMView.queueName(mapping)) is read to the end on every shard: \(totals).")
                    } else {
                        let blocked = mappings.streamLanes(mapping.uuid).filter { $0.blockedRecords > 0 }.map(\.shardId)
                        console.line("Not caught up after \(seconds) s (\(totals))" + (blocked.isEmpty ? "." : "; blocked: \(Set(blocked).sorted().joined(separator: ", ")) — 'esm show \(mapping.uuid)' says why."))
                    }
                    return
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
                let updated = try mappings.update(uuid, try esmRequest(arguments, queues: mappings.queues))
                console.line(style.success("✓") + " " + ESMView.summary(updated, counts: mappings.counts(uuid)))
            case "enable", "disable":
                let uuid = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)")).uuid
                let updated = try mappings.update(uuid, EventSourceMappingRequest(enabled: arguments.positional(0) == "enable"))
                console.line(style.success("✓") + " Mapping \(uuid) is \(updated.state.lowercased()).")
            case "rm", "delete":
                let uuid = try resolve(mappings, try arguments.required(1, "a mapping (UUID, queue or function)")).uuid
                let deleted = try mappings.delete(uuid)
                console.line(style.success("✓") + " Mapping \(uuid) deleted; \(ESMView.queueName(deleted))'s messages stay in the queue.")
            case let other:
                throw CommandError("unknown esm command '\(other)'", hint: "one of: " + esmSubcommands.joined(separator: ", "))
            }
        })

    static let esmWaitDefault = 20

    /// The mapping a word names: its UUID, or the name of its queue or function when exactly
    /// one mapping has it (lessons cannot know a UUID in advance).
    static func resolve(_ mappings: EventSourceMappings, _ word: String) throws -> EventSourceMapping {
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
    private static func esmRequest(_ arguments: Arguments, queues: LocalQueues) throws -> EventSourceMappingRequest {
        var request = EventSourceMappingRequest()
        request.stream = try streamRequest(arguments, queues: queues)
        let streamOptions = ["starting-position": "StartingPosition", "timestamp": "StartingPositionTimestamp", "bisect": "BisectBatchOnFunctionError",
                             "no-bisect": "BisectBatchOnFunctionError", "max-retries": "MaximumRetryAttempts", "max-age": "MaximumRecordAgeInSeconds",
                             "parallelization": "ParallelizationFactor", "on-failure": "DestinationConfig"]
        request.streamSettings = streamOptions.filter { arguments.flag($0.key) || arguments.option($0.key) != nil }.map(\.value).sorted()
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
    fileprivate static func queueArn(_ queues: LocalQueues, _ reference: String) throws -> String {
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

extension Command {
    /// The stream settings `esm create` and `esm update` share (`--bisect`, `--max-retries`, …);
    /// their names go into `streamSettings` too, so a queue mapping refuses them as AWS does.
    fileprivate static func streamRequest(_ arguments: Arguments, queues: LocalQueues) throws -> StreamMappingRequest {
        var stream = StreamMappingRequest()
        if arguments.flag("bisect") && arguments.flag("no-bisect") { throw CommandError("--bisect and --no-bisect contradict each other") }
        if arguments.flag("bisect") { stream.bisectBatchOnFunctionError = true }
        if arguments.flag("no-bisect") { stream.bisectBatchOnFunctionError = false }
        stream.maximumRetryAttempts = try arguments.option("max-retries").map { try Arguments.integer($0, "--max-retries") }
        stream.maximumRecordAge = try arguments.option("max-age").map { try Arguments.integer($0, "--max-age") }
        stream.parallelizationFactor = try arguments.option("parallelization").map { try Arguments.integer($0, "--parallelization") }
        if let queue = arguments.option("on-failure") {
            // A topic is named by its ARN (a bare name is a queue's, as before).
            stream.onFailure = queue == "none" ? "" : queue.hasPrefix("arn:aws:sns:") ? queue : try queueArn(queues, queue)
        }
        return stream
    }

    /// A stream name or ARN as the stream's ARN (refused, naming the stream, when there is none).
    fileprivate static func streamArn(_ streams: LocalStreams?, _ reference: String) throws -> String {
        guard let streams else { throw CommandError("streams are not served in this session") }
        do throws(LocalServiceError) {
            return streams.arn(try streams.streamName(reference))
        } catch {
            throw CommandError("\(error.code): no stream \(reference) in this session", hint: "'stream create \(reference)' makes it; 'stream list' lists them")
        }
    }
}
