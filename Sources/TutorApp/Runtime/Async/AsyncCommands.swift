import Foundation
import LambdaModel
import LambdaService
import LocalServices
import MiniLambda
import TutorSupport
import TerminalUI

/// Asynchronous invocation at the prompt: `invoke NAME --async` (in RuntimeCommands' invoke,
/// which hands over to ``Command/runAsyncInvoke(_:name:payload:)``), `timeline EVENT-ID`,
/// `time scale N`, and the local SQS queues (`queue …`) DLQs and destinations deliver to.
extension Command {
    static var asyncCommands: [Command] { [timeline, time, queue, stream, topic, esm] }

    /// `invoke NAME --async`: the 202 line with the request id, and how to watch it.
    static func runAsyncInvoke(_ context: CommandContext, name: String, payload: Data) throws {
        let service = AsyncService.of(context.session)
        let id = try service.invocations.invokeAsync(function: name, payload: payload)
        let style = context.console.style
        context.console.say(style.success("202") + " Accepted — event \(style.bold(id)) is queued for \(name); the handler runs in the background.", hanging: 4)
        context.console.line("  watch it: " + style.code("timeline \(id)") + "   speed up waiting: " + style.code("time scale 60"))
        context.console.line(style.muted("  Delivery is at-least-once, as on AWS: the same event can reach the handler twice."))
    }

    static let timeline = Command(
        "timeline", aliases: ["trace"], group: .runtime,
        summary: "Show an asynchronous event's life: attempts, retries, DLQ and destinations",
        usage: ["timeline EVENT-ID", "timeline MAPPING", "timeline"],
        discussion: """
        `invoke NAME --async` prints an event id. `timeline ID` shows what happened to it: received, each \
        attempt and its error, when the next retry is due, and where it ended (succeeded, the DLQ, a \
        destination). `timeline MAPPING` shows an event source mapping's history (each batch, retry, bisect and \
        discard). `timeline` alone lists the session's events. Times are the tutor's service time, \
        which `time scale` speeds up.
        """,
        examples: ["timeline 6f1c2a9e-…", "timeline"],
        run: { context in
            try context.arguments.expectAtMost(1)
            let service = AsyncService.of(context.session)
            let style = context.console.style
            guard let id = context.arguments.positional(0) else {
                let summary = service.invocations.summary()
                context.console.line("\(summary.total) event\(summary.total == 1 ? "" : "s") this session: \(summary.succeeded) succeeded, \(summary.failed.values.reduce(0, +)) failed, \(summary.unfinished) queued or waiting"
                                     + (summary.duplicateDeliveries > 0 ? ", \(summary.duplicateDeliveries) duplicate deliveries" : ""))
                for event in service.invocations.events() {
                    context.console.line("  \(event.requestID)  \(event.function)  " + TimelineView.state(event))
                }
                return
            }
            if service.invocations.event(id) == nil, let mapping = try? resolve(service.mappings, id) {
                // An event source mapping's timeline: what its poller did, step by step.
                let activity = service.mappings.activity(mapping.uuid)
                context.console.line(style.bold("mapping \(mapping.uuid)") + " \(ESMView.queueName(mapping)) → \(mapping.functionName)"
                                     + (service.clock.scale == 1 ? "" : style.muted("  (time ×\(TimelineView.number(service.clock.scale)))")))
                if activity.isEmpty { context.console.line(style.muted("  nothing yet")) }
                for entry in activity { context.console.say("  " + style.muted(TimelineView.clock(entry.at)) + "  " + entry.text + ESMView.repeats(entry), hanging: 12) }
                return
            }
            guard let event = service.invocations.event(id) else {
                throw CommandError("no asynchronous event \(id) in this session", hint: "'timeline' lists them; 'invoke NAME --async' makes one")
            }
            context.console.line(TimelineView.render(event, scale: service.clock.scale, style: style))
        })

    static let time = Command(
        "time", group: .runtime,
        summary: "Speed up waiting (retry delays, backoff, visibility timeouts): time scale 60",
        usage: ["time scale N", "time"],
        discussion: """
        `time scale 60` makes one minute of waiting pass in one second, so an asynchronous retry (due 1 \
        minute, then 2 minutes, after a failure) or a queue's visibility timeout can be watched. It scales \
        waiting only: a running handler and its timeout run in real time. The prompt shows the scale while \
        it is not 1; `time scale 1` goes back.
        """,
        examples: ["time scale 60", "time scale 1", "time"],
        run: { context in
            try context.arguments.expectAtMost(2)
            let service = AsyncService.of(context.session)
            guard let word = context.arguments.positional(0) else {
                context.console.line("service time \(TimelineView.clock(service.clock.now())) UTC, scale ×\(TimelineView.number(service.clock.scale))")
                return
            }
            guard word == "scale" else { throw CommandError("expected 'time scale N', got 'time \(word)'") }
            let text = try context.arguments.required(1, "a scale (1 = real time, 60 = a minute a second)")
            guard let scale = Double(text) else { throw CommandError("the scale is a number, got '\(text)'") }
            do throws(LocalServiceError) { try service.clock.setScale(scale) } catch { throw CommandError(error.message) }
            context.console.line(scale == 1 ? "Time runs at its real pace again." : "Waiting now runs \(TimelineView.number(scale))× faster: a 1-minute retry delay takes \(TimelineView.number(60 / scale)) s. Handlers still run in real time.")
        })
}

extension Command {
    /// `fn config NAME async.retries=… async.max-age=… on-success=… on-failure=… dlq=…`.
    static func configureAsync(_ context: CommandContext, name: String, _ settings: [String]) throws {
        let service = AsyncService.of(context.session)
        let saved = try service.invocations.configure(name, settings: settings)
        let config = saved.config
        context.console.say(context.console.style.success("✓") + " Asynchronous invocation of \(name): \(config.retries) retr\(config.retries == 1 ? "y" : "ies"), events kept up to \(config.maximumEventAge) s.", hanging: 2)
        context.console.line("  on-success: \(config.onSuccess ?? "none")   on-failure: \(config.onFailure ?? "none")   dlq: \(saved.deadLetterTargetArn ?? "none")")
    }
}
