import Foundation
import LambdaModel
import LineEditor
import LocalServices
import TerminalUI

/// `stream …`: the session's Kinesis-like data streams, which stream event source mappings read.
extension Command {
    static let streamSubcommands = ["create", "put", "list", "show", "rm"]

    static let stream = Command(
        "stream", group: .runtime,
        summary: "Local Kinesis-like streams: create, put, list, show, rm",
        usage: ["stream create NAME [--shards N]", "stream put NAME --key K DATA", "stream list", "stream show NAME", "stream rm NAME"],
        discussion: """
        In-memory data streams for this session, named as on AWS (arn:aws:kinesis:us-east-1:123456789012:stream/NAME). \
        A stream has a fixed number of shards, each owning a range of 128-bit hash keys; a record goes to the shard \
        whose range holds the MD5 of its partition key (--key), so one key always lands in one shard, in order, and \
        gets a sequence number that increases in that shard. Records are kept for \(Facts.kinesisRetentionDefault.display) (the \
        default retention; `time scale` speeds that up too), then trimmed. Read a stream with \
        `esm create --stream NAME --function F`. Simplification: no resharding and no per-shard throughput limits.
        """,
        examples: ["stream create clicks --shards 2", "stream put clicks --key user-1 '{\"page\": \"/home\"}'", "stream show clicks", "stream rm clicks"],
        options: [
            OptionSpec("shards", value: "N", help: "create: number of shards (1–\(StreamLimits.maximumShards), default 1)"),
            OptionSpec("key", value: "K", help: "put: the partition key (it picks the shard)"),
        ],
        complete: { request, session in
            request.precedingWords.count == 1 ? streamSubcommands : (session.existingService(AsyncService.self)?.streams.list() ?? [])
        },
        run: { context in
            let streams = AsyncService.of(context.session).streams
            let arguments = context.arguments
            let console = context.console
            let style = console.style
            do {
                switch arguments.positional(0) ?? "list" {
                case "list":
                    let names = streams.list()
                    if names.isEmpty { console.line("No streams yet. Make one: " + style.code("stream create clicks")) }
                    for name in names {
                        let shards = (try? streams.describe(name).shards.count) ?? 0
                        console.line("  \(name)  \(shards) shard\(shards == 1 ? "" : "s")  \(streams.arn(name))")
                    }
                case "create":
                    try arguments.expectAtMost(2)
                    let name = try arguments.required(1, "a stream name")
                    let shards = try arguments.option("shards").map { try Arguments.integer($0, "--shards") } ?? 1
                    try streams.create(name, shardCount: shards)
                    console.line(style.success("✓") + " Stream \(name) with \(shards) shard\(shards == 1 ? "" : "s"): \(streams.arn(name))")
                    console.line("  put a record: " + style.code("stream put \(name) --key user-1 '{\"id\": 1}'"))
                case "put":
                    try arguments.expectAtMost(3)
                    let name = try arguments.required(1, "a stream name")
                    let data = try arguments.required(2, "the record's data")
                    guard let key = arguments.option("key") else { throw CommandError("stream put needs --key K (the partition key, which picks the shard)") }
                    let result = try streams.put(name, partitionKey: key, data: Data(data.utf8))
                    console.line("ShardId \(result.shardId)  SequenceNumber \(result.sequenceNumber)")
                case "show":
                    let description = try streams.describe(try arguments.required(1, "a stream name"))
                    console.line(style.bold("Stream \(description.streamName)") + "  \(description.streamArn)")
                    console.line("  retention \(description.retentionPeriodHours) h · created \(TimelineView.clock(description.creationTimestamp))")
                    for shard in description.shards {
                        let records = try streams.records(description.streamName, shardId: shard.shardId, from: shard.firstPosition)
                        console.line("  \(shard.shardId)  \(records.count) record\(records.count == 1 ? "" : "s")")
                        console.say(style.muted("    hash keys \(shard.hashKeyRange.startingHashKey) to \(shard.hashKeyRange.endingHashKey)"), hanging: 6)
                        for record in records.suffix(5) {
                            let data = String(decoding: record.data, as: UTF8.self)
                            console.say(style.muted("    …\(record.sequenceNumber.suffix(8))  \(record.partitionKey)  ") + (data.count > 60 ? String(data.prefix(60)) + "…" : data), hanging: 6)
                        }
                        if records.count > 5 { console.line(style.muted("    (the last 5 of \(records.count))")) }
                    }
                    console.line(style.muted("  Simplification: no resharding and no per-shard throughput limits."))
                case "rm", "delete":
                    let name = try arguments.required(1, "a stream name")
                    try streams.delete(name)
                    console.line(style.success("✓") + " Stream \(name) deleted with its records.")
                case let other:
                    throw CommandError("unknown stream command '\(other)'", hint: "one of: " + streamSubcommands.joined(separator: ", "))
                }
            } catch let error as LocalServiceError {
                throw CommandError("\(error.code): \(error.message)")
            }
        })
}
