import ClassReports
import Foundation
import Quiz
import Testing

/// The class report over hand-made results files.
@Suite("Class report")
struct ClassReportTests {
    static let options = [ResultsDocument.Option(option: "A", text: "Reserved concurrency", correct: true),
                          ResultsDocument.Option(option: "B", text: "Provisioned concurrency", correct: false),
                          ResultsDocument.Option(option: "C", text: "A bigger memory size", correct: false)]

    static func attempt(_ question: String, _ answer: String?, learner: String?, minute: Int = 0, workshop: String? = nil,
                        revealed: Bool = false) -> ResultsDocument.Attempt {
        let chosen = answer.map { letter in options.filter { $0.option == letter } }
        return ResultsDocument.Attempt(time: Date(timeIntervalSince1970: 1_800_000_000 + Double(minute) * 60), session: "s", mode: .practice,
                                       question: question, bank: "concurrency", domain: question == "q3" ? "security" : "development",
                                       lesson: nil, seed: 1, answer: answer, chosen: chosen, options: options,
                                       correct: answer == "A", skipped: answer == nil && !revealed, revealed: revealed, hinted: false,
                                       seconds: Double(10 + minute), confidence: nil, preset: nil, workshop: workshop, learner: learner)
    }

    static func document(_ learner: String?, _ attempts: [ResultsDocument.Attempt]) -> ResultsDocument {
        var document = ResultsDocument(records: [], questions: [], banks: [:], exported: Date(timeIntervalSince1970: 1_800_000_000))
        document.learner = learner
        document.attempts = attempts
        return document
    }

    /// Six learners: answers to q1 (everyone but one right), q2 (the strong ones right), q3
    /// (only the weakest right: negative discrimination).
    static var classFiles: [(source: String, document: ResultsDocument)] {
        let answers: [(String, [String?])] = [
            ("Ana", ["A", "A", "B"]), ("Ben", ["A", "A", "C"]), ("Cai", ["A", "A", "B"]),
            ("Dee", ["A", "B", "B"]), ("Eve", ["A", "C", "B"]), ("Fay", ["B", nil, "A"]),
        ]
        return answers.map { name, given in
            ("\(name.lowercased()).json", document(name, zip(["q1", "q2", "q3"], given).map { attempt($0, $1, learner: name) }))
        }
    }

    @Test("Learners, difficulty, option counts with their text, the popular wrong answer and flags")
    func report() throws {
        let report = ClassReport(documents: Self.classFiles)
        #expect(report.learners.map(\.name) == ["Ana", "Ben", "Cai", "Dee", "Eve", "Fay"])
        let fay = try #require(report.learners.last)
        #expect(fay.answered == 2 && fay.correct == 1 && fay.skipped == 1, "a skipped question is not answered")
        let q1 = try #require(report.items.first { $0.id == "q1" })
        #expect(q1.answered == 6 && q1.correct == 5)
        #expect(abs((q1.difficulty ?? 0) - 5.0 / 6) < 1e-12)
        let q2 = try #require(report.items.first { $0.id == "q2" })
        #expect(q2.answered == 5 && q2.skipped == 1)
        #expect(q2.options.map(\.count) == [3, 1, 1])
        let q3 = try #require(report.items.first { $0.id == "q3" })
        #expect(q3.popularWrongAnswer?.option == "B")
        #expect(q3.popularWrongAnswer?.text == "Provisioned concurrency")
        #expect(q3.flags.contains(.tooHard))
        #expect(q3.flags.contains(.negativeDiscrimination), "\(q3)")
        #expect((q3.pointBiserial ?? 0) < 0)
        #expect(report.kr20Items == 2, "q2 was skipped by one learner")
    }

    @Test("A merged file is split by the name on each answer; only the first answer per question counts")
    func mergedAndRepeated() {
        let merged = Self.document(nil, [
            Self.attempt("q1", "B", learner: "Ana", minute: 0), Self.attempt("q1", "A", learner: "Ana", minute: 5),
            Self.attempt("q1", "A", learner: "Ben", minute: 1),
        ])
        let report = ClassReport(documents: [("merged.json", merged)])
        #expect(report.learners.map(\.name) == ["Ana", "Ben"])
        #expect(report.learners[0].correct == 0, "Ana's first answer was wrong; the retry does not count")
        #expect(report.learners[1].correct == 1)
    }

    @Test("--code keeps one workshop's answers, and mixed codes are noted")
    func workshopCodes() {
        let file = Self.document("Ana", [Self.attempt("q1", "A", learner: "Ana", workshop: "K7QM"), Self.attempt("q2", "A", learner: "Ana", workshop: "ZZZZ")])
        #expect(ClassReport(documents: [("a.json", file)], workshop: "K7QM").items.map(\.id) == ["q1"])
        #expect(ClassReport(documents: [("a.json", file)]).notes.contains { $0.contains("2 workshop codes") })
    }

    @Test("JSON has the documented shape; CSV and Markdown carry the same figures")
    func formats() throws {
        let report = ClassReport(documents: Self.classFiles)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let questions = try #require(object["questions"] as? [[String: Any]])
        for key in ["id", "answered", "correct", "difficulty", "discrimination", "options"] {
            #expect(questions.allSatisfy { $0[key] != nil }, "questions[].\(key)")
        }
        #expect((questions.first { $0["id"] as? String == "q2" }?["options"] as? [String: Int]) == ["A": 3, "B": 1, "C": 1])
        let learners = try #require(object["learners"] as? [[String: Any]])
        #expect(learners.allSatisfy { $0["name"] != nil && $0["score"] != nil })
        #expect(object.keys.contains("kr20"))
        let csv = report.csv(.questions).split(separator: "\n")
        #expect(csv.first?.hasPrefix("id,bank,domain,answered,correct") == true)
        #expect(csv.count == 4)
        #expect(csv.first?.hasPrefix("id,bank,domain,answered,correct,skipped,revealed,") == true, "\(csv.first ?? "")")
        #expect(report.csv(.learners).contains("Fay,2,1,1,0,0.500"))
        let markdown = report.markdown()
        #expect(markdown.contains("| q3 |"))
        #expect(markdown.contains("B: Provisioned concurrency"))
    }

    @Test("A revealed key is counted as revealed: not answered, not wrong, not in the difficulty nor KR-20")
    func revealedIsNotAnswered() throws {
        // Gus answers q1 and q3 and reveals q2's key; the class is otherwise the six above.
        let gus = ("gus.json", Self.document("Gus", [Self.attempt("q1", "A", learner: "Gus"), Self.attempt("q2", nil, learner: "Gus", revealed: true),
                                                     Self.attempt("q3", "B", learner: "Gus")]))
        let report = ClassReport(documents: Self.classFiles + [gus])
        let learner = try #require(report.learners.first { $0.name == "Gus" })
        #expect(learner.answered == 2 && learner.correct == 1 && learner.revealed == 1 && learner.skipped == 0)
        #expect(learner.score == 0.5, "the revealed question is not a wrong answer")
        let q2 = try #require(report.items.first { $0.id == "q2" })
        #expect(q2.answered == 5 && q2.revealed == 1 && q2.skipped == 1, "\(q2)")
        #expect(q2.difficulty == 0.6, "3 of the 5 who answered")
        #expect(report.kr20Items == 2, "q2 is not answered by everyone")
        let questions = report.csv(.questions).split(separator: "\n").map(String.init)
        let columns = questions[0].split(separator: ",").map(String.init)
        let q2Row = try #require(questions.first { $0.hasPrefix("q2,") }).split(separator: ",").map(String.init)
        let index = try #require(columns.firstIndex(of: "revealed"))
        #expect(q2Row[index] == "1" && q2Row[columns.firstIndex(of: "answered")!] == "5")
        #expect(report.csv(.learners).contains("Gus,2,1,0,1,0.500"), "\(report.csv(.learners))")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let learners = try #require(object["learners"] as? [[String: Any]])
        #expect(learners.first { $0["name"] as? String == "Gus" }?["revealed"] as? Int == 1)
        // The Markdown tables show it too.
        let markdown = report.markdown()
        #expect(markdown.contains("| Learner | Answered | Correct | Revealed | Score |"))
        #expect(markdown.contains("| Gus | 2 | 1 | 1 | 50 % |"), "\(markdown)")
        #expect(markdown.contains("| q2 | 5 | 1 | 60 % |"), "\(markdown)")
    }

    @Test("The HTML page is self-contained and shows every learner-supplied string as text")
    func html() throws {
        let name = "<script>alert('x')</script> & \"Eve\""
        let eve = ("eve.json", Self.document(name, [Self.attempt("q1<img src=x onerror=1>", "A", learner: name)]))
        let page = ClassReport(documents: Self.classFiles + [eve]).html()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"), "no script, and the name is not one")
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Eve&quot;"))
        #expect(page.contains("q1&lt;img src=x onerror=1&gt;"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src=\""), "nothing fetched")
        #expect(page.contains("<td>Fay</td>"))
        #expect(page.contains("B: Provisioned concurrency"), "the popular wrong answer with its text")
    }
}
