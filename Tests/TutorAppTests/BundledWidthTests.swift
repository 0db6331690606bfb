import Foundation
import Testing
import TestSupport
import TerminalUI
import TutorSupport
@testable import Curriculum
@testable import Quiz
@testable import TutorApp

/// Every bundled lesson step and quiz question as the REPL draws it at an 80-column terminal:
/// no line is wider than the terminal (the terminal would break it mid-word, and a pager page
/// would hold fewer lines than it counted), and a checkpoint's options each start a line.
@Suite("Bundled content fits 80 columns")
struct BundledWidthTests {
    static let columns = 80
    static let root = SourceTree.root
    static let catalog = LessonCatalog.load(folders: [ContentFolder(url: root.appendingPathComponent("Lessons"), origin: .bundled)],
                                            relativeTo: root)
    static let library = QuestionLibrary.load(folder: root.appendingPathComponent("Quizzes"))

    static func tooWide(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { DisplayWidth.of($0) > columns }
    }

    @Test("Every step of every bundled lesson, checkpoints drawn in place and after the text, fits 80 columns")
    func lessons() throws {
        #expect(Self.catalog.lessons.count >= 19)
        let console = Console.capturing(columns: Self.columns).0
        var steps = 0
        for lesson in Self.catalog.lessons {
            for step in lesson.steps {
                var view = LessonView(renderer: console.markdown, style: console.style, progress: LearnerProgress(), catalog: Self.catalog)
                view.renderCheck = { block in Session.renderCheck(block, lesson: lesson, step: step) }
                let inline = view.render(lesson, step: step.number)
                let deferred = view.render(lesson, step: step.number, checkpoints: .deferred, footer: false)
                    + "\n" + view.checkpointsAndFooter(lesson, step: step.number)
                for text in [inline, deferred] {
                    let wide = Self.tooWide(text)
                    #expect(wide.isEmpty, "\(lesson.id) step \(step.number): \(wide)")
                }
                steps += 1
            }
        }
        #expect(steps > 100)
    }

    @Test("Checkpoint options each start their own line, a wrapped one continues under its text")
    func checkpointOptions() throws {
        let console = Console.capturing(columns: Self.columns).0
        var options = 0
        for lesson in Self.catalog.lessons {
            for step in lesson.steps {
                for block in step.checks {
                    guard let check = Command.lessonCheck(block, lesson: lesson, step: step).0 else { continue }
                    let lines = console.markdown.render(Session.renderCheck(block, lesson: lesson, step: step)).split(separator: "\n").map(String.init)
                    for option in check.presented.options {
                        let start = "│ " + option.label + ") "
                        let index = lines.firstIndex { $0.hasPrefix(start) }
                        #expect(index != nil, "\(lesson.id) step \(step.number): \(option.label)) starts a line: \(lines)")
                        options += 1
                        guard let index, index + 1 < lines.count else { continue }
                        let next = lines[index + 1]
                        let startsOption = check.presented.options.contains { next.hasPrefix("│ " + $0.label + ") ") }
                        if !startsOption, next.count > 2, !next.hasPrefix("│ " + check.presented.instruction.prefix(8)) {
                            #expect(next.hasPrefix("│    "), "\(lesson.id): a wrapped option continues under its text: \(next)")
                        }
                    }
                }
            }
        }
        #expect(options > 0)
    }

    @Test("Every bundled question, its options and its feedback, fits 80 columns")
    func questions() throws {
        let view = QuizView(console: Console.capturing(columns: Self.columns).0)
        #expect(Self.library.questions.count > 100)
        for question in Self.library.questions {
            let presented = try question.present(seed: 7)
            let text = view.question(presented, header: "Question 10 of 65", note: "ends 14:05", commands: ["answer", "skip", "show", "hint", "quit"])
            let wide = Self.tooWide(text)
            #expect(wide.isEmpty, "\(question.id): \(wide)")
            let key = Grader.keyText(for: presented)
            #expect(Self.tooWide(view.reveal(key: key, explanation: question.explanation)).isEmpty, "\(question.id) (revealed)")
        }
    }
}
