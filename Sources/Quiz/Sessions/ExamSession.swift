import Foundation
import TutorSupport

/// A timed exam: no feedback until the end, flag, go to, review grid, submit with a warning
/// about unanswered questions, automatic submit when time is up, pause and resume.
///
/// A state machine with no terminal and no sleeping: every call reads the injected clock, and
/// the first call after time is up submits the exam and returns the result instead.
package struct ExamSession: Sendable {
    /// What an exam action produced.
    package enum Step: Sendable {
        /// Done; show the (next) question.
        case ok
        /// The input did not fit the question; show the message and ask again.
        case reprompt(AnswerFormError)
        /// Submitting would leave these questions (1-based) unanswered; ask, then call
        /// ``ExamSession/submit(confirmed:)`` with `true`.
        case confirmSubmit(unanswered: [Int])
        /// The exam is over (submitted, or time ran out: see ``ExamResult/timedOut``).
        case finished(ExamResult)
    }

    /// One square of the review grid.
    package struct GridCell: Sendable, Hashable, Codable {
        package var number: Int
        package var answered: Bool
        package var flagged: Bool
        package var current: Bool
    }

    package private(set) var state: ExamState
    /// Set once the exam is over.
    package private(set) var result: ExamResult?
    private let clock: any WallClock
    /// When the running stretch (and the current question's stretch) began.
    private var runningSince: Date
    private var questionSince: Date

    /// Starts an exam: samples by domain weight, presents each question with its own seed.
    /// Questions that could not be presented are in `problems` and left out.
    package static func start(pool: [Question], preset: ExamPreset, questions: Int? = nil, minutes: Int? = nil,
                             passPercent: Double? = nil, seed: UInt64, clock: any WallClock = SystemWallClock(),
                             id: String = UUID().uuidString.lowercased(), workshop: String? = nil) -> (session: ExamSession, problems: [QuizError]) {
        let eligible = pool.filter(preset.admits)
        var config = ExamConfig(preset: preset, questions: questions, minutes: minutes, passPercent: passPercent,
                                seed: seed, available: eligible.count)
        config.workshop = workshop
        let picked = QuestionSampler.weighted(eligible, count: config.questionCount, weights: config.weights, seed: seed)
        let (presented, problems) = QuestionSampler.present(picked, seed: seed)
        var random = SeededRandom(seed: SeededRandom.derive(seed, "unscored"))
        let unscored = Set(random.shuffled(Array(presented.indices)).prefix(min(config.unscored, max(0, presented.count - 1))))
        let now = clock.now()
        let state = ExamState(id: id, config: config, questions: presented,
                              answers: Array(repeating: nil, count: presented.count),
                              confidence: Array(repeating: nil, count: presented.count),
                              flagged: Array(repeating: false, count: presented.count),
                              seconds: Array(repeating: 0, count: presented.count),
                              unscored: unscored, current: 0, elapsed: 0, started: now, pausedAt: nil)
        return (ExamSession(state: state, clock: clock), problems)
    }

    /// Resumes a paused (or autosaved) exam; the clock starts again now.
    package init(resuming saved: ExamState, clock: any WallClock = SystemWallClock()) {
        var state = saved
        state.pausedAt = nil
        self.init(state: state, clock: clock)
    }

    private init(state: ExamState, clock: any WallClock) {
        self.state = state
        self.clock = clock
        let now = clock.now()
        runningSince = now
        questionSince = now
    }

    // MARK: - Reading

    package var count: Int { state.questions.count }
    package var isFinished: Bool { result != nil }
    package var isPaused: Bool { state.pausedAt != nil }
    /// 1-based number of the question on screen.
    package var number: Int { state.current + 1 }
    package var current: PresentedQuestion? { state.questions.isEmpty || isFinished ? nil : state.questions[state.current] }
    package var currentAnswer: Answer? { state.answers.isEmpty ? nil : state.answers[state.current] }
    package var isFlagged: Bool { state.flagged.isEmpty ? false : state.flagged[state.current] }

    /// Exam seconds used, counting the running stretch.
    package var elapsed: TimeInterval {
        state.elapsed + (isPaused || isFinished ? 0 : max(0, clock.now().timeIntervalSince(runningSince)))
    }

    /// When time runs out, on the session's clock; nil while paused (the clock stops) or
    /// after the end.
    ///
    /// The REPL cannot redraw its prompt while libedit waits for a line, so the time left in
    /// the prompt goes stale for a learner who sits idle. A clock time does not: the exam
    /// shows this, and a timed-out exam is dated to it, not to the line typed afterwards.
    package var deadline: Date? {
        guard !isPaused, !isFinished else { return nil }
        return runningSince.addingTimeInterval(max(0, state.config.timeLimit - state.elapsed))
    }

    /// Seconds left, never below zero.
    package var timeRemaining: TimeInterval { max(0, state.config.timeLimit - elapsed) }

    /// `1:58:03` or `12:05`, for the prompt.
    package var timeRemainingText: String { Self.clockText(timeRemaining) }

    package static func clockText(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.up))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    /// Numbers (1-based) of questions not answered yet.
    package var unanswered: [Int] { state.answers.indices.filter { state.answers[$0] == nil }.map { $0 + 1 } }

    package func reviewGrid() -> [GridCell] {
        state.questions.indices.map { index in
            GridCell(number: index + 1, answered: state.answers[index] != nil, flagged: state.flagged[index],
                     current: index == state.current)
        }
    }

    // MARK: - Acting

    /// Records an answer to the question on screen and moves to the next one. Changing an
    /// earlier answer is allowed until submit.
    package mutating func answer(_ input: String, confidence: Confidence? = nil) -> Step {
        if let over = checkTime() { return .finished(over) }
        guard let question = current else { return .ok }
        switch AnswerParser.parse(input, for: question) {
        case .failure(let error):
            return .reprompt(error)
        case .success(let answer):
            state.answers[state.current] = answer
            state.confidence[state.current] = confidence
            if state.current + 1 < count { move(to: state.current + 1) }
            return .ok
        }
    }

    /// Removes the answer to the question on screen.
    package mutating func clearAnswer() -> Step {
        if let over = checkTime() { return .finished(over) }
        guard !state.answers.isEmpty else { return .ok }
        state.answers[state.current] = nil
        state.confidence[state.current] = nil
        return .ok
    }

    /// Flags or unflags the question on screen for review. Returns the new flag.
    @discardableResult
    package mutating func toggleFlag() -> Bool {
        guard !state.flagged.isEmpty, !isFinished else { return false }
        state.flagged[state.current].toggle()
        return state.flagged[state.current]
    }

    /// Goes to question `number` (1-based).
    package mutating func goto(_ number: Int) throws(QuizError) -> Step {
        if let over = checkTime() { return .finished(over) }
        guard (1...max(count, 1)).contains(number), count > 0 else {
            throw QuizError(.examGoto, "there is no question \(number); the exam has questions 1–\(count)")
        }
        move(to: number - 1)
        return .ok
    }

    package mutating func next() -> Step {
        if let over = checkTime() { return .finished(over) }
        if state.current + 1 < count { move(to: state.current + 1) }
        return .ok
    }

    package mutating func previous() -> Step {
        if let over = checkTime() { return .finished(over) }
        if state.current > 0 { move(to: state.current - 1) }
        return .ok
    }

    /// Submits. With unanswered questions and `confirmed == false`, nothing happens and the
    /// numbers are returned so the learner can be warned.
    package mutating func submit(confirmed: Bool = false) -> Step {
        if let over = checkTime() { return .finished(over) }
        if let result { return .finished(result) }
        let open = unanswered
        if !open.isEmpty, !confirmed { return .confirmSubmit(unanswered: open) }
        return .finished(finish(timedOut: false))
    }

    /// Submits automatically if time is up. The REPL calls this before showing each prompt,
    /// and every action calls it first.
    package mutating func checkTime() -> ExamResult? {
        if let result { return result }
        guard !isPaused, timeRemaining <= 0 else { return nil }
        return finish(timedOut: true)
    }

    /// Stops the clock and returns the state to save. Resume with ``init(resuming:clock:)``.
    /// Call ``checkTime()`` first: an exam whose time is up is submitted, not paused.
    package mutating func pause() -> ExamState {
        guard !isPaused, !isFinished else { return state }
        let now = clock.now()
        settleQuestionTime(now)
        state.elapsed += max(0, now.timeIntervalSince(runningSince))
        state.pausedAt = now
        return state
    }

    /// The state as it would be saved now, without pausing (for autosave after each answer).
    package func snapshot() -> ExamState {
        var copy = state
        let now = clock.now()
        if !isPaused, !isFinished {
            copy.elapsed += max(0, now.timeIntervalSince(runningSince))
            copy.seconds[copy.current] += max(0, now.timeIntervalSince(questionSince))
        }
        return copy
    }

    // MARK: - Inside

    private mutating func move(to index: Int) {
        settleQuestionTime(clock.now())
        state.current = index
    }

    private mutating func settleQuestionTime(_ now: Date) {
        guard !state.seconds.isEmpty else { return }
        state.seconds[state.current] += max(0, now.timeIntervalSince(questionSince))
        questionSince = now
    }

    private mutating func finish(timedOut: Bool) -> ExamResult {
        var now = clock.now()
        // Time ran out while nobody typed: the exam ended at the deadline, not when the next
        // line arrived, and the question on screen is charged only up to the deadline.
        if timedOut, let deadline, deadline < now { now = max(deadline, runningSince) }
        if !isPaused {
            settleQuestionTime(now)
            state.elapsed = min(state.config.timeLimit, state.elapsed + max(0, now.timeIntervalSince(runningSince)))
            runningSince = now
        }
        let result = ExamResult(state: state, finished: now, timedOut: timedOut)
        self.result = result
        return result
    }
}
