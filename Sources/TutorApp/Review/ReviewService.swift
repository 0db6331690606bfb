import Curriculum
import Foundation
import LearnerStore
import Quiz
import SpacedRepetition
import TutorSupport

/// Spaced review for one tutor session: the schedule (a cache of the attempt log, kept in
/// the learner database beside it), the learner's desired retention, and the way from a card
/// id back to the question or checkpoint to ask.
final class ReviewService: @unchecked Sendable {
    // @unchecked: `sources` is built once under `lock`; everything else is immutable or does
    // its own file I/O.

    private unowned let session: Session
    let store: StoredSchedule
    let database: LearnerDatabase
    private let lock = NSLock()
    private var sources: [String: ReviewItem.Source]?

    init(session: Session) {
        self.session = session
        store = StoredSchedule(database: session.database)
        database = session.database
    }

    var clock: any WallClock { session.quiz.clock }

    /// The learner's settings (defaults when the file is missing), with a notice if the file was damaged.
    func settings() -> (settings: ReviewSettings, notice: String?) {
        ReviewSettings.load(from: database)
    }

    func scheduler(_ settings: ReviewSettings) -> Scheduler {
        (try? Scheduler.standard.withDesiredRetention(settings.desiredRetention)) ?? .standard
    }

    /// The schedule for everything in the attempt log, brought up to date and saved; problems
    /// (damaged log lines, a damaged or unwritable schedule) come back as notices.
    func current() -> (schedule: ReviewSchedule, records: [AttemptRecord], notices: [String]) {
        var notices: [String] = []
        let records: [AttemptRecord]
        do {
            let read = try session.quiz.log.read()
            records = read.records
            notices += read.warnings.map(\.description)
        } catch {
            records = []
            notices.append("the attempt log could not be read: \(error.message)")
        }
        let (settings, notice) = settings()
        if let notice { notices.append(notice) }
        let result = store.current(events: records.reviewEvents, scheduler: scheduler(settings))
        return (result.schedule, records, notices + result.notices)
    }

    /// Due and total cards in the schedule. Counted without loading the banks and lessons (that
    /// would cost the start-up banner a second), so a card whose question has since left the
    /// content still counts here; `review` says how many it leaves out.
    func counts(_ schedule: ReviewSchedule, at time: Date) -> (due: Int, cards: Int) {
        (schedule.dueCount(at: time), schedule.cards.count)
    }

    /// The due cards, most overdue first, with what to ask; `missing` counts due cards whose
    /// content is gone.
    /// `records` give a prediction card what the mini Lambda did when it was last run.
    func dueItems(_ schedule: ReviewSchedule, records: [AttemptRecord], at time: Date) -> (items: [ReviewItem], missing: Int) {
        let known = knownSources()
        var observed: [String: String] = [:]
        for record in records { if let seen = record.observed { observed[record.cardID] = seen } }
        var items: [ReviewItem] = []
        var missing = 0
        for card in schedule.dueCards(at: time) {
            guard var source = known[card.id] else {
                missing += 1
                continue
            }
            if case .prediction(let lesson, let step, let prediction, _) = source {
                source = .prediction(lesson: lesson, step: step, prediction: prediction, observed: observed[card.id])
            }
            items.append(ReviewItem(card: card, source: source))
        }
        return (items, missing)
    }

    /// Every askable card id: `question:ID` for each bank question, `checkpoint:ID` for each
    /// lesson checkpoint that parses. Built once per session.
    func knownSources() -> [String: ReviewItem.Source] {
        lock.withLock {
            if let sources { return sources }
            var built: [String: ReviewItem.Source] = [:]
            for question in session.quiz.library.questions {
                built[AttemptRecord.cardID(question: question.id, checkpoint: false)] = .question(question)
            }
            for lesson in session.catalog.lessons {
                for step in lesson.steps {
                    for block in step.checks {
                        guard let check = Command.lessonCheck(block, lesson: lesson, step: step).0 else { continue }
                        let id = AttemptRecord.cardID(question: check.presented.id, checkpoint: true)
                        if built[id] == nil { built[id] = .checkpoint(lesson: lesson, step: step, block: block, check: check) }
                    }
                    for prediction in step.predictions {
                        let id = AttemptRecord.cardID(question: prediction.id(lesson: lesson.id, step: step.number), checkpoint: true)
                        built[id] = .prediction(lesson: lesson, step: step, prediction: prediction, observed: nil)
                    }
                }
            }
            sources = built
            return built
        }
    }
}

extension Session {
    var review: ReviewService { service { ReviewService(session: self) } }
}

extension ReviewService {
    /// The memory section's figures for `results` (notices about the schedule are dropped:
    /// `review` reports them).
    func retentionReport() -> RetentionReport {
        let (schedule, records, _) = current()
        let known = knownSources()
        return RetentionReport(schedule: schedule, records: records, now: clock.now(), known: Set(known.keys)) { id in
            let stem: String = switch known[id] {
            case .question(let question): question.stem
            case .checkpoint(_, _, _, let check): check.presented.stem
            case .prediction(_, _, let prediction, _): prediction.ask
            case nil: id
            }
            let plain = InlineMarkdown.plainText(stem.split(separator: "\n").first.map(String.init) ?? stem)
            return plain.count > 38 ? String(plain.prefix(37)) + "…" : plain
        }
    }
}
