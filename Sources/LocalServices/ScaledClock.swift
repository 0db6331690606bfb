import Foundation
import Synchronization
import TutorSupport

/// The session's service time: the wall clock sped up by the learner's `time scale` (60 = one
/// minute passes in one second), so minutes-long retry delays and visibility timeouts can be
/// watched in a lesson. Only waiting is scaled: handlers run (and time out) in real time in
/// their processes; what moves faster is the time the queues and the retry scheduler read.
/// Changing the scale re-anchors, so service time never jumps or runs backwards.
package final class ScaledClock: WallClock {
    private struct Anchor {
        var real: Date
        var service: Date
        var scale: Double
    }

    private let base: any WallClock
    private let anchor: Mutex<Anchor>

    package init(base: any WallClock = SystemWallClock(), scale: Double = 1) {
        self.base = base
        let now = base.now()
        anchor = Mutex(Anchor(real: now, service: now, scale: scale))
    }

    package var scale: Double { anchor.withLock { $0.scale } }

    package func now() -> Date {
        let real = base.now()
        return anchor.withLock { Self.serviceTime(real, $0) }
    }

    /// Sets the scale from now on (1 = real time). Scales of 1 to ``maximumScale``.
    package func setScale(_ scale: Double) throws(LocalServiceError) {
        guard scale >= 1, scale <= Self.maximumScale, scale.isFinite else {
            throw LocalServiceError(.invalidParameterValue, "time scale must be between 1 and \(Int(Self.maximumScale)), got \(scale)")
        }
        let real = base.now()
        anchor.withLock { anchor in
            anchor = Anchor(real: real, service: Self.serviceTime(real, anchor), scale: scale)
        }
    }

    /// Real seconds until service time reaches `date` (0 when it has).
    package func realSeconds(until date: Date) -> TimeInterval {
        max(0, date.timeIntervalSince(now()) / scale)
    }

    /// An hour a second is the most a lesson needs; beyond it the pump's polling would miss deadlines.
    package static let maximumScale: Double = 3600

    private static func serviceTime(_ real: Date, _ anchor: Anchor) -> Date {
        anchor.service.addingTimeInterval(real.timeIntervalSince(anchor.real) * anchor.scale)
    }
}
