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
    static let root = SourceTree.root
    static let lessonIDs = [
        "what-is-lambda", "handlers", "execution-environment", "invocation-types", "errors-retries", "concurrency",
        "limits", "pricing", "configuration", "packaging-deployment", "security-networking", "monitoring",
        "event-sources", "best-practices",
    ] + curriculumV2LessonIDs
    /// The lessons curriculum v2 (issue 13) added.
    static let curriculumV2LessonIDs = [
        "event-source-mappings", "web-backends", "extensions-config", "testing-tooling", "tracing-troubleshooting",
    ]

    static let catalog = LessonCatalog.load(folders: [ContentFolder(url: root.appendingPathComponent("Lessons"), origin: .bundled)],
                                            parser: LessonParser(checkValidator: Session.checkValidator), relativeTo: root)
    static let library = QuestionLibrary.load(folder: root.appendingPathComponent("Quizzes"))

    @Test("Every bundled lesson asks at least one prediction, each about an invoke")
    func everyLessonPredicts() throws {
        for id in Self.lessonIDs {
            let lesson = try #require(Self.catalog.lesson(id))
            let predictions = lesson.steps.flatMap { step in step.predictions.map { (step, $0) } }
            #expect(!predictions.isEmpty, "\(id) has no predict block")
            for (step, prediction) in predictions {
                #expect(step.tries[prediction.tryNumber - 1].command.hasPrefix("invoke "), "\(id) step \(step.number)")
            }
        }
    }

    @Test("The 19 lessons load in order, without problems")
    func lessonsLoad() {
        #expect(Self.catalog.ids == Self.lessonIDs)
        #expect(Self.catalog.diagnostics.isEmpty, "\(Self.catalog.diagnostics.map(\.description))")
        #expect(Self.catalog.skipped.isEmpty)
    }

    @Test("Every lesson: objectives, 5–13 steps (the recap included), something to run, two checkpoints, a recap with an exam tip, a next lesson",
          arguments: lessonIDs)
    func lessonShape(id: String) throws {
        let lesson = try #require(Self.catalog.lesson(id))
        #expect(!lesson.objectives.isEmpty)
        #expect((5...13).contains(lesson.steps.count), "\(lesson.steps.count) steps")
        #expect(lesson.steps.contains { !$0.tries.isEmpty }, "at least one hands-on step")
        #expect(lesson.steps.reduce(0) { $0 + $1.checks.count } >= 2, "at least two checkpoints")
        let last = try #require(lesson.steps.last)
        #expect(last.title.lowercased().contains("recap"), "last step is a recap, got '\(last.title)'")
        #expect(Self.hasExamTip(last.blocks), "the recap has an Exam tip callout")
        #expect(!lesson.related.isEmpty, "links to related lessons")
        #expect(Self.lines(of: last.blocks).contains { $0.lowercased().contains("next") }, "the recap names what comes next")
    }

    @Test("The curriculum's size as it stands: 19 lessons, 186 steps, 145 checkpoints, 110 hands-on steps")
    func totals() {
        let lessons = Self.lessonIDs.compactMap { Self.catalog.lesson($0) }
        let steps = lessons.flatMap(\.steps)
        #expect(lessons.count == 19)
        #expect(steps.count >= 186, "\(steps.count) steps")
        #expect(steps.reduce(0) { $0 + $1.checks.count } >= 145, "\(steps.reduce(0) { $0 + $1.checks.count }) checkpoints")
        #expect(steps.filter { !$0.tries.isEmpty }.count >= 110, "\(steps.filter { !$0.tries.isEmpty }.count) hands-on steps")
    }

    /// A topic the curriculum promises to teach, found by a phrase in one of its lessons.
    struct Taught: Sendable, CustomTestStringConvertible {
        let lesson: String
        let phrase: String
        /// The step that teaches it must also let the learner run something.
        var handsOn = false
        var testDescription: String { "\(lesson): \(phrase)" }
    }

    /// Issue 13: the DVA-C02 topics, seed items and only-asked terms the course did not teach,
    /// and the hands-on steps it asked for. Each must sit in a step that has a checkpoint.
    static let taught: [Taught] = [
        Taught(lesson: "event-source-mappings", phrase: "filter criteria"),
        Taught(lesson: "tracing-troubleshooting", phrase: "subsegment"),
        Taught(lesson: "tracing-troubleshooting", phrase: "annotation"),
        Taught(lesson: "tracing-troubleshooting", phrase: "sampling rule"),
        Taught(lesson: "tracing-troubleshooting", phrase: "active tracing"),
        Taught(lesson: "packaging-deployment", phrase: "stage variable"),
        Taught(lesson: "packaging-deployment", phrase: "canary"),
        Taught(lesson: "pricing", phrase: "Compute Savings Plan"),
        Taught(lesson: "security-networking", phrase: "code signing configuration"),
        Taught(lesson: "extensions-config", phrase: "Extensions API"),
        Taught(lesson: "extensions-config", phrase: "Parameters and Secrets"),
        Taught(lesson: "event-source-mappings", phrase: "TRIM_HORIZON"),
        Taught(lesson: "event-source-mappings", phrase: "enhanced fan-out"),
        Taught(lesson: "testing-tooling", phrase: "sam local invoke"),
        Taught(lesson: "testing-tooling", phrase: "unittest", handsOn: true),
        Taught(lesson: "web-backends", phrase: "RDS Proxy", handsOn: true),
        Taught(lesson: "extensions-config", phrase: "AppConfig", handsOn: true),
        Taught(lesson: "web-backends", phrase: "InvokeWithResponseStream"),
        Taught(lesson: "limits", phrase: "Managed Instances", handsOn: true),
        Taught(lesson: "what-is-lambda", phrase: "Gaming"),
        Taught(lesson: "execution-environment", phrase: "drained"),
        Taught(lesson: "invocation-types", phrase: "Frontend Service"),
        Taught(lesson: "event-sources", phrase: "other Regions"),
        Taught(lesson: "web-backends", phrase: "WebSocket", handsOn: true),
        Taught(lesson: "web-backends", phrase: "payload 2.0 event", handsOn: true),
        Taught(lesson: "execution-environment", phrase: "interpreted"),
        Taught(lesson: "testing-tooling", phrase: "AWS Toolkit"),
        Taught(lesson: "what-is-lambda", phrase: "test event", handsOn: true),
        Taught(lesson: "what-is-lambda", phrase: "Create function", handsOn: true),
        Taught(lesson: "testing-tooling", phrase: "integration test"),
        Taught(lesson: "testing-tooling", phrase: "load test", handsOn: true),
        Taught(lesson: "security-networking", phrase: "SourceFunctionArn"),
        Taught(lesson: "security-networking", phrase: "bound parameter", handsOn: true),
        Taught(lesson: "security-networking", phrase: "PrivateLink"),
        Taught(lesson: "tracing-troubleshooting", phrase: "Flow Logs"),
        Taught(lesson: "configuration", phrase: "cost allocation tag"),
        Taught(lesson: "tracing-troubleshooting", phrase: "filter-log-events"),
        Taught(lesson: "tracing-troubleshooting", phrase: "get-function-concurrency"),
        Taught(lesson: "pricing", phrase: "Cost Explorer"),
        Taught(lesson: "tracing-troubleshooting", phrase: "UnreservedConcurrentExecutions"),
        Taught(lesson: "tracing-troubleshooting", phrase: "ProvisionedConcurrencyUtilization"),
        Taught(lesson: "tracing-troubleshooting", phrase: "Runtime.UserCodeSyntaxError", handsOn: true),
        Taught(lesson: "errors-retries", phrase: "jitter", handsOn: true),
        Taught(lesson: "execution-environment", phrase: "lazy", handsOn: true),
        Taught(lesson: "errors-retries", phrase: "sequenceNumber", handsOn: true),
        Taught(lesson: "best-practices", phrase: "per_call", handsOn: true),
        Taught(lesson: "handlers", phrase: "lambda_function.handler", handsOn: true),
        Taught(lesson: "limits", phrase: "timeout=901", handsOn: true),
        Taught(lesson: "concurrency", phrase: "--reserved 0", handsOn: true),
        Taught(lesson: "monitoring", phrase: "CloudWatchMetrics", handsOn: true),
        Taught(lesson: "monitoring", phrase: "Count them yourself", handsOn: true),
        Taught(lesson: "handlers", phrase: "nodejs24.x"),
        Taught(lesson: "execution-environment", phrase: "container images"),
    ]

    @Test("Each topic issue 13 names is taught in a step with a checkpoint", arguments: taught)
    func topicTaught(_ topic: Taught) throws {
        let lesson = try #require(Self.catalog.lesson(topic.lesson))
        let needle = topic.phrase.lowercased()
        let steps = lesson.steps.filter { step in
            ([step.title] + Self.lines(of: step.blocks)).contains { $0.lowercased().contains(needle) }
        }
        #expect(!steps.isEmpty, "'\(topic.phrase)' appears in no step of \(topic.lesson)")
        #expect(steps.contains { !$0.checks.isEmpty && (!topic.handsOn || !$0.tries.isEmpty) },
                "no step of \(topic.lesson) mentioning '\(topic.phrase)' has a checkpoint\(topic.handsOn ? " and something to run" : "")")
    }

    @Test("At least 499 questions, 13 per lesson, 7 domains of 24 or more, 87 multiple-response, 53 numeric or generated")
    func bankCounts() {
        let questions = Self.library.questions
        #expect(Self.library.diagnostics.errors.isEmpty, "\(Self.library.diagnostics.errors.map(\.description))")
        #expect(questions.count >= 499, "\(questions.count) questions")
        for id in Self.lessonIDs {
            let count = questions.filter { $0.lesson == id }.count
            #expect(count >= 13, "lesson \(id) has \(count) questions")
        }
        let byDomain = Dictionary(grouping: questions, by: \.domain)
        #expect(byDomain.count >= 7, "\(byDomain.keys.sorted())")
        for (domain, items) in byDomain { #expect(items.count >= 24, "domain \(domain) has \(items.count) questions") }
        #expect(questions.filter { $0.type == .multiple }.count >= 87)
        #expect(questions.filter { $0.type == .numeric || $0.type == .generated }.count >= 53)
        #expect(questions.filter { !$0.inExams }.count <= 60, "practice-only questions are the exception")
        for type in QuestionType.allCases {
            #expect(questions.contains { $0.type == type }, "no \(type.rawValue) question")
        }
    }

    /// Issue 13: every domain of an Associate exam draw has at least three times its quota of
    /// single- and multiple-response questions to draw from (the types the exam guides use); every
    /// SAA-C03 domain (Lambda questions only) can at least fill its quota.
    @Test("Exam pools: DVA-C02 domains hold three times their quota, SAA-C03 domains at least their quota",
          arguments: [(ExamPreset.developerAssociate, 3.0), (ExamPreset.solutionsArchitectAssociate, 1.0)])
    func examPools(preset: ExamPreset, factor: Double) throws {
        let exam = try #require(preset.exam)
        let pool = Self.library.questions.filter { question in
            question.inExams && [.single, .multiple].contains(question.type)
                && (question.exams.isEmpty || question.exams.contains { $0.caseInsensitiveCompare(exam) == .orderedSame })
        }
        for (domain, weight) in preset.weights {
            let quota = (Double(preset.questions) * weight / 100).rounded(.up)
            let available = pool.filter { $0.domain == domain }.count
            #expect(Double(available) >= factor * quota, "\(preset.name) \(domain): \(available) questions for a quota of \(Int(quota))")
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
