import Foundation

/// Where the time of day comes from (dates in metrics, `LastModified`, log times), injected so
/// tests can move time on demand instead of sleeping. Durations and sleeps use Swift's `Clock`.
package protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's clock.
package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}
