import Foundation
import Synchronization

/// Where sessions read the time. Injected so tests move time forward by hand and never sleep.
public protocol QuizClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemQuizClock: QuizClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to: for tests and for replaying scripted runs.
public final class ManualClock: QuizClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
