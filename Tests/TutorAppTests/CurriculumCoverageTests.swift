import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Curriculum
@testable import Quiz
@testable import TutorApp

/// The bundled curriculum's promises (issue 5), pinned so they cannot quietly shrink.
@Suite("Bundled curriculum coverage")
struct CurriculumCoverageTests {
    static let root = TutorBinary.packageRoot
    static let lessonIDs = [
        "what-is-lambda", "handlers", "execution-environment", "invocation-types", "errors-retries", "concurrency",
        "limits", "pricing", "configuration", "packaging-deployment", "security-networking", "monitoring",
        "event-sources", "best-practices",
    ]

    static let catalog = LessonCatalog.load(folders: [ContentFolder(url: root.appendingPathComponent("Lessons"), origin: .bundled)],
                                            parser: LessonParser(checkValidator: Session.checkValidator), relativeTo: root)
    static let library = QuestionLibrary.load(folder: root.appendingPathComponent("Quizzes"))

    @Test("The 14 lessons load in order, without problems")
    func lessonsLoad() {
        #expect(Self.catalog.ids == Self.lessonIDs)
        #expect(Self.catalog.diagnostics.isEmpty, "\(Self.catalog.diagnostics.map(\.description))")
        #expect(Self.catalog.skipped.isEmpty)
    }

    @Test("Every lesson: objectives, 5–12 steps, something to run, two checkpoints, a recap with an exam tip, a next lesson",
          arguments: lessonIDs)
    func lessonShape(id: String) throws {
        let lesson = try #require(Self.catalog.lesson(id))
        #expect(!lesson.objectives.isEmpty)
        #expect((5...12).contains(lesson.steps.count), "\(lesson.steps.count) steps")
        #expect(lesson.steps.contains { !$0.tries.isEmpty }, "at least one hands-on step")
        #expect(lesson.steps.reduce(0) { $0 + $1.checks.count } >= 2, "at least two checkpoints")
        let last = try #require(lesson.steps.last)
        #expect(last.title.lowercased().contains("recap"), "last step is a recap, got '\(last.title)'")
        #expect(Self.hasExamTip(last.blocks), "the recap has an Exam tip callout")
        #expect(!lesson.related.isEmpty, "links to related lessons")
        #expect(Self.lines(of: last.blocks).contains { $0.lowercased().contains("next") }, "the recap names what comes next")
    }

    @Test("At least 220 questions, 12 per lesson, 6 domains, 50 multiple-response, 25 numeric or generated")
    func bankCounts() {
        let questions = Self.library.questions
        #expect(Self.library.diagnostics.errors.isEmpty, "\(Self.library.diagnostics.errors.map(\.description))")
        #expect(questions.count >= 220, "\(questions.count) questions")
        for id in Self.lessonIDs {
            let count = questions.filter { $0.lesson == id }.count
            #expect(count >= 12, "lesson \(id) has \(count) questions")
        }
        let byDomain = Dictionary(grouping: questions, by: \.domain)
        #expect(byDomain.count >= 6, "\(byDomain.keys.sorted())")
        for (domain, items) in byDomain { #expect(items.count >= 8, "domain \(domain) has \(items.count) questions") }
        #expect(questions.filter { $0.type == .multiple }.count >= 50)
        #expect(questions.filter { $0.type == .numeric || $0.type == .generated }.count >= 25)
        for type in QuestionType.allCases {
            #expect(questions.contains { $0.type == type }, "no \(type.rawValue) question")
        }
    }

    @Test("Every question explains itself, cites a fact or a page, and every wrong choice says why")
    func questionQuality() {
        for question in Self.library.questions {
            #expect(question.explanation?.isEmpty == false, "\(question.id) has no explanation")
            #expect(!question.references.isEmpty, "\(question.id) has no references")
            switch question.body {
            case .single(let choices), .multiple(let choices):
                for choice in choices where !choice.correct {
                    #expect(choice.feedback?.isEmpty == false, "\(question.id): wrong choice '\(choice.text)' has no feedback")
                }
            default:
                break
            }
        }
    }

    @Test("check passes on the bundled content with no warnings")
    func contentCheck() {
        let sources = ContentSources.locate(extraFolders: [], environment: ["LAMBDA_TUTOR_BUNDLE": Self.root.path])
        let report = ContentCheck.run(paths: [], sources: sources, base: Self.root)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
    }

    static func hasExamTip(_ blocks: [MarkdownBlock]) -> Bool {
        blocks.contains { block in
            if case .callout(.examTip, _, _) = block { return true }
            return false
        }
    }

    static func lines(of blocks: [MarkdownBlock]) -> [String] {
        LessonSearch.lines(of: blocks)
    }
}
