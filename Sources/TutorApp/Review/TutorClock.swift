import Foundation
import Quiz
import Synchronization
import TutorSupport

/// The tutor's clock: the wall clock, or — when `LAMBDA_TUTOR_NOW` holds an ISO 8601 time — a
/// clock that starts at that time and then runs at the wall clock's pace.
///
/// Tests and trainers use it to see what a learner meets days later (`LAMBDA_TUTOR_NOW=
/// 2027-01-15T09:00:00Z lambda-tutor review --due`) without waiting or touching the system
/// clock. It runs on from the given time, rather than standing still, so the time a learner
/// takes over an answer is still measured. The exam clock and spaced review both read it.
struct TutorClock: WallClock {
    static let variable = "LAMBDA_TUTOR_NOW"

    private let start: Date
    private let started: ContinuousClock.Instant

    init(startingAt start: Date) {
        self.start = start
        self.started = ContinuousClock.now
    }

    func now() -> Date {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds)
    }

    /// The clock `environment` asks for, and a notice when `LAMBDA_TUTOR_NOW` cannot be read
    /// (the wall clock is used then).
    static func from(_ environment: [String: String]) -> (clock: any WallClock, notice: String?) {
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return (SystemWallClock(), nil)
        }
        guard let date = parse(text) else {
            return (SystemWallClock(), "\(variable)='\(text)' is not an ISO 8601 time (e.g. 2027-01-15T09:00:00Z); the real time is used")
        }
        return (TutorClock(startingAt: date), nil)
    }

    /// `2027-01-15T09:00:00Z`, with or without fractional seconds, a `+01:00` offset, or a
    /// date alone (`2027-01-15`, midnight UTC).
    static func parse(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
