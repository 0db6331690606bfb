import Foundation
import TutorSupport

/// A named exam shape: how many questions, how long, the pass mark and the domain weights.
package struct ExamPreset: Sendable, Hashable, Codable {
    package var name: String
    package var title: String
    package var questions: Int
    package var minutes: Int
    package var passPercent: Double
    /// Domain id → weight in percent.
    package var weights: [String: Double]
    /// Questions that do not count, as AWS includes unscored pretest items that look like the
    /// others. They are revealed after submitting.
    package var unscored: Int
    /// Questions tagged for another exam are left out (untagged questions are used).
    package var exam: String?
    /// The question types the real exam uses; nil allows every type (a workshop quiz). Types
    /// are those written in the bank (a generated question counts as `generated`).
    package var types: Set<QuestionType>?

    package init(name: String, title: String, questions: Int, minutes: Int, passPercent: Double, weights: [String: Double],
                unscored: Int, exam: String?, types: Set<QuestionType>? = nil) {
        self.name = name
        self.title = title
        self.questions = questions
        self.minutes = minutes
        self.passPercent = passPercent
        self.weights = weights
        self.unscored = unscored
        self.exam = exam
        self.types = types
    }

    /// The domains the exam is made of, heaviest first (the exam guide's order for ties).
    package var domains: [String] {
        let order = ExamDomain.all.map(\.id)
        return weights.filter { $0.value > 0 }.keys.sorted {
            (-(weights[$0] ?? 0), order.firstIndex(of: $0) ?? 99) < (-(weights[$1] ?? 0), order.firstIndex(of: $1) ?? 99)
        }
    }

    /// Whether a question can appear in this exam: one of its domains, one of its types, and not
    /// tagged only for other exams.
    package func admits(_ question: Question) -> Bool {
        guard question.inExams else { return false }  // `exam: false`: lessons and practice only
        guard (weights[question.domain] ?? 0) > 0 else { return false }
        if let types, !types.contains(question.type) { return false }
        guard let exam, !question.exams.isEmpty else { return true }
        return question.exams.contains { $0.caseInsensitiveCompare(exam) == .orderedSame }
    }

    /// The two response types of the Associate exam guides: multiple choice (one key, three
    /// distractors) and multiple response (two or more keys among five or more options).
    package static let associateTypes: Set<QuestionType> = [.single, .multiple]

    /// Modelled on the AWS Certified Developer – Associate (DVA-C02) exam guide: 65 questions
    /// (15 of them unscored), 130 minutes, 720 of 1000 to pass, multiple choice and multiple
    /// response only, and its four domains: Development with AWS Services 32 %, Security 26 %,
    /// Deployment 24 %, Troubleshooting and Optimization 18 %.
    package static let developerAssociate = ExamPreset(
        name: "dva-c02", title: "Developer Associate practice exam (DVA-C02 format)", questions: 65, minutes: 130,
        passPercent: 72, weights: ["development": 32, "security": 26, "deployment": 24, "troubleshooting": 18],
        unscored: 15, exam: "DVA-C02", types: associateTypes)

    /// Modelled on the AWS Certified Solutions Architect – Associate (SAA-C03), restricted to its
    /// Lambda questions: 65 questions (15 unscored), 130 minutes, domains weighted 30/26/24/20.
    package static let solutionsArchitectAssociate = ExamPreset(
        name: "saa-c03", title: "Solutions Architect Associate practice exam (SAA-C03 format, Lambda questions)", questions: 65,
        minutes: 130, passPercent: 72, weights: ["security": 30, "resilience": 26, "performance": 24, "cost": 20],
        unscored: 15, exam: "SAA-C03", types: associateTypes)

    /// A short timed set for workshops: 15 questions in 20 minutes, every question scored,
    /// drawn evenly from every domain.
    package static let workshop = ExamPreset(
        name: "workshop", title: "Workshop quiz", questions: 15, minutes: 20, passPercent: 72,
        weights: Dictionary(uniqueKeysWithValues: ExamDomain.all.map { ($0.id, 1) }), unscored: 0, exam: nil)

    package static let all: [ExamPreset] = [developerAssociate, solutionsArchitectAssociate, workshop]

    package static func named(_ name: String) throws(QuizError) -> ExamPreset {
        if let preset = all.first(where: { $0.name == name.lowercased() }) { return preset }
        let hint = Suggestions.didYouMean(name, in: all.map(\.name)).map { "; \($0)" }
            ?? " (presets: \(all.map(\.name).joined(separator: ", ")))"
        throw QuizError(.examPreset, "unknown exam preset '\(name)'\(hint)")
    }
}
