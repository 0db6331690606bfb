import Foundation
import LambdaService
import MiniLambda
import TerminalUI

/// Concurrency caused on purpose: `invoke NAME --concurrent N` (N invocations at the same
/// moment) and `load NAME --rps R --for 10s` (a steady rate), each ending in a summary of
/// cold, warm and throttled invocations and their durations.
extension Command {
    /// The most invocations `--concurrent` and `load` start.
    static let concurrentLimit = 200

    static func runConcurrent(_ context: CommandContext, name: String, count: Int, payload: Data, options: InvokeOptions) async throws {
        let service = RuntimeService.of(context.session).lambda
        let outcomes = await withTaskGroup(of: ConcurrencyView.Outcome.self) { group in
            for _ in 0..<count {
                group.addTask { await outcome(service, name, payload, options) }
            }
            var outcomes: [ConcurrencyView.Outcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        context.console.line(ConcurrencyView.summary(outcomes, heading: "\(count) invocations of \(name) at once",
                                                   width: context.console.width, style: context.console.style))
    }

    /// `load NAME --rps R --for D`: starts an invocation every 1/R seconds for D seconds,
    /// without waiting for earlier ones, then waits for all. Ctrl-C stops starting new ones.
    static func runLoad(_ context: CommandContext, name: String) async throws {
        let arguments = context.arguments
        guard let rateText = arguments.option("rps") else { throw CommandError("load NAME needs --rps R", hint: "load \(name) --rps 20 --for 10s") }
        guard let rate = Double(rateText), rate > 0, rate <= 100 else { throw CommandError("--rps is a rate between 0 and 100 requests per second, got '\(rateText)'") }
        let seconds = try Quantity.seconds(arguments.option("for") ?? "10s", "--for")
        guard seconds > 0, seconds <= 120 else { throw CommandError("--for is a duration up to 2 minutes") }
        let total = Int((rate * seconds).rounded())
        guard total <= concurrentLimit * 10 else { throw CommandError("that is \(total) invocations; keep --rps × --for at \(concurrentLimit * 10) or less") }
        let service = RuntimeService.of(context.session).lambda
        _ = try FunctionReference(parsing: name)
        let payload = try eventPayload(arguments)
        context.console.line("Invoking \(name) \(rateText) times a second for \(InvocationView.duration(seconds)) (\(total) invocations)…")
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await withTaskGroup(of: ConcurrencyView.Outcome.self) { group in
            for index in 0..<total {
                let due = start + .milliseconds(Int64((Double(index) / rate * 1000).rounded()))
                do { try await clock.sleep(until: due) } catch { break }
                group.addTask { await outcome(service, name, payload, InvokeOptions()) }
            }
            var outcomes: [ConcurrencyView.Outcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let heading = outcomes.count < total ? "\(outcomes.count) of \(total) invocations of \(name) (stopped)" : "\(total) invocations of \(name) at \(rateText)/s"
        context.console.line(ConcurrencyView.summary(outcomes, heading: heading, width: context.console.width, style: context.console.style))
        context.console.line(context.console.style.dim("  per minute: metrics \(name)"))
    }

    static func outcome(_ service: LambdaService, _ name: String, _ payload: Data, _ options: InvokeOptions) async -> ConcurrencyView.Outcome {
        do {
            return .ran(try await service.invoke(name, payload: payload, options: options))
        } catch {
            if error.code == .tooManyRequests {
                // The pool's own cap speaks through a worker error without a Reason.
                return error.underlying?.code == .tooManyRequests ? .localCap : .throttled(error.reason)
            }
            return .failed("\(error.code.rawValue): \(error.message)")
        }
    }
}
