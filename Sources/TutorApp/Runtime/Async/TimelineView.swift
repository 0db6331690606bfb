import Foundation
import LambdaService
import TerminalUI

/// `timeline EVENT-ID`: one asynchronous event's life, one line per step, with the service
/// time of each step and, while time runs faster, the scale.
enum TimelineView {
    static func render(_ event: AsyncEvent, scale: Double, style: Style) -> String {
        var lines = [style.bold("event \(event.requestID)") + " → \(event.function)\(event.qualifier.map { ":\($0)" } ?? "")"
                     + (scale == 1 ? "" : style.muted("  (time ×\(number(scale)): waits pass \(number(scale)) times faster)"))]
        for entry in event.timeline {
            let offset = entry.at.timeIntervalSince(event.receivedAt)
            lines.append("  " + style.muted(clock(entry.at) + " +" + duration(offset)) + "  " + entry.text)
        }
        lines.append("  " + style.bold("now: ") + state(event))
        lines.append(style.muted("  Asynchronous delivery is at-least-once, as on AWS: a handler can see the same event twice, so make it idempotent."))
        return lines.joined(separator: "\n")
    }

    static func state(_ event: AsyncEvent) -> String {
        switch event.state {
        case .queued(let due): return "queued, next attempt at \(clock(due))"
        case .running: return "running"
        case .succeeded: return "succeeded" + (event.duplicateDeliveries > 0 ? " (delivered \(event.duplicateDeliveries + 1) times)" : "")
        case .failed(let condition):
            let places = event.deliveries.isEmpty ? "discarded" : event.deliveries.map(\.description).joined(separator: ", ")
            return "failed (\(condition.rawValue)) → \(places)"
        }
    }

    static func clock(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).time(includingFractionalSeconds: false))
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", whole / 60 % 60))m"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
