import Foundation
import Synchronization
import TutorSupport

/// A wall clock that stands still until a test moves it (`advance(by:)`), as swift-nio's
/// `NIOAsyncTestingEventLoop.advanceTime` does for event loops.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_796_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
