import Foundation
import LambdaModel
import Testing
@testable import Quiz
import TutorSupport

@Suite("Seeded random and generated questions")
struct GeneratedQuestionTests {
    @Test("SplitMix64 gives the published sequence, so seeds mean the same everywhere")
    func splitMixReference() {
        // Reference values for seed 1234567 from the SplitMix64 reference implementation.
        var random = SeededRandom(seed: 1_234_567)
        #expect(random.next() == 6_457_827_717_110_365_317)
        #expect(random.next() == 3_203_168_211_198_807_973)
        #expect(random.next() == 9_817_491_932_198_370_423)
    }

    @Test("Shuffles and draws are reproducible and in range")
    func reproducible() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        #expect(a.shuffled(Array(0..<20)) == b.shuffled(Array(0..<20)))
        for _ in 0..<1000 {
            let n = a.int(in: 3...7)
            #expect((3...7).contains(n))
        }
        #expect(SeededRandom.stableHash("timeout-max") == SeededRandom.stableHash("timeout-max"))
        #expect(SeededRandom.derive(42, "q1") != SeededRandom.derive(42, "q2"))
        #expect(SeededRandom.derive(42, "q1") < (1 << 53))
    }

    @Test("The same seed gives the same variant; the key comes from ConcurrencyEstimate")
    func concurrencyVariant() throws {
        let question = Fixtures.question("gen-concurrency")
        let first = try question.present(seed: 99)
        let again = try question.present(seed: 99)
        #expect(first == again)
        // Read the drawn numbers back from the stem and recompute with the shared arithmetic.
        let numbers = first.stem.split(whereSeparator: { !$0.isNumber && $0 != "," }).map { Double($0.replacingOccurrences(of: ",", with: ""))! }
        let estimate = ConcurrencyEstimate(requestsPerSecond: numbers[0], durationSeconds: numbers[1] / 1000)
        #expect(first.key == .numeric(value: Double(estimate.environments), tolerance: .absolute(0)))
        #expect(first.explanation?.hasSuffix("= \(Number.grouped(Double(estimate.environments))) environments") == true)
        let variants = Set((1...40).map { try! question.present(seed: UInt64($0)).stem })
        #expect(variants.count > 5, "seeds give different variants")
    }

    @Test("A forgotten ms → s conversion gets targeted feedback")
    func concurrencyMistake() throws {
        let spec = GeneratorSpec(generator: "concurrency", ask: "environments",
                                 parameters: ["rps": .fixed(.number(100)), "duration_ms": .fixed(.number(200))], tolerance: .absolute(0))
        let question = Question(id: "g", domain: "development", stem: "{rps} at {duration_ms}", body: .generated(spec))
        let presented = try question.present(seed: 1)
        #expect(presented.key == .numeric(value: 20, tolerance: .absolute(0)))
        let grade = try Grader.grade("20000", for: presented).get()
        #expect(!grade.correct)
        #expect(grade.remarks.first?.contains("Convert the duration to seconds first") == true)
    }

    @Test("Cost variants match the fact sheet's worked example A")
    func costExampleA() throws {
        let spec = GeneratorSpec(generator: "cost", ask: "total", parameters: [
            "requests": .fixed(.number(5_000_000)), "duration_ms": .fixed(.number(200)),
            "memory_mb": .fixed(.number(1024)), "free_tier": .fixed(.word("true")),
        ], tolerance: .absolute(0.01))
        let question = Question(id: "c", domain: "development", stem: "{requests} requests, {free_tier}", body: .generated(spec))
        let presented = try question.present(seed: 5)
        #expect(presented.key == .numeric(value: 10.80, tolerance: .absolute(0.01)))
        #expect(presented.stem == "5,000,000 requests, with the free tier")
        #expect(presented.unit == "USD")
        #expect(try Grader.grade("$10.80", for: presented).get().correct)
        let noFreeTier = try Grader.grade(Number.money(CostEstimate(.init(requests: 5_000_000, durationMs: 200, memoryMB: 1024)).total), for: presented).get()
        #expect(!noFreeTier.correct)
        #expect(noFreeTier.remarks.first?.hasPrefix("That is the bill without the free tier.") == true)
    }

    @Test("{answer} carries its unit, USD results their $, and provisioned parameters are filled")
    func placeholderUnits() throws {
        let spec = GeneratorSpec(generator: "cost", ask: "requests_cost", parameters: [
            "requests": .fixed(.number(5_000_000)), "duration_ms": .fixed(.number(200)), "memory_mb": .fixed(.number(1024)),
            "provisioned": .fixed(.number(10)), "provisioned_hours": .fixed(.number(720)),
        ], tolerance: .absolute(0.01))
        let question = Question(id: "c", domain: "cost", stem: "{provisioned} environments for {provisioned_hours} hours",
                                body: .generated(spec), explanation: "{requests_cost} = {answer}; total {total}")
        let presented = try question.present(seed: 1)
        #expect(presented.stem == "10 environments for 720 hours")
        #expect(presented.explanation?.hasPrefix("$1.00 = $1.00; total $") == true, "\(presented.explanation ?? "")")
        #expect(!BankLinter().lint(question).contains { $0.message.contains("is not a parameter or result") })

        let gbs = GeneratorSpec(generator: "cost", ask: "gb_seconds", parameters: [
            "requests": .fixed(.number(1_000_000)), "duration_ms": .fixed(.number(100)), "memory_mb": .fixed(.number(1024)),
        ], tolerance: .absolute(0))
        let compute = Question(id: "g", domain: "cost", stem: "x", body: .generated(gbs), explanation: "= {answer}")
        #expect(try compute.present(seed: 1).explanation == "= 100,000 GB-s")
    }

    @Test("Parameters outside Lambda's limits make the variant fail with a clear error")
    func invalidParameters() {
        let spec = GeneratorSpec(generator: "cost", ask: "total", parameters: [
            "requests": .fixed(.number(1000)), "duration_ms": .fixed(.number(100)), "memory_mb": .fixed(.number(20000)),
        ], tolerance: .absolute(0.01))
        let question = Question(id: "c", domain: "development", stem: "x", body: .generated(spec))
        #expect { try question.present(seed: 1) } throws: { ($0 as? QuizError)?.code == .generatorParameter }
        do {
            _ = try question.present(seed: 1)
        } catch {
            #expect(error.code == .generatorParameter)
            #expect(error.message == "memory_mb 20000 is outside 128 MB–10,240 MB")
        }
    }

    @Test("Placeholders fill only known names, so JSON braces survive")
    func templates() {
        #expect(TextTemplate.fill(#"{"statusCode": {code}}"#, ["code": "200"]) == #"{"statusCode": 200}"#)
        #expect(TextTemplate.renderFacts("max {{fact timeout.max}}, bad {{fact nope}}") == "max 900 s (15 min), bad {{fact nope}}")
        #expect(TextTemplate.factKeys(in: "{{fact a.b}} and {{ fact c.d }}") == ["a.b", "c.d"])
    }
}

@Suite("Generated questions from the scaling simulator")
struct ScalingGeneratorTests {
    func run(_ parameters: [String: ParameterValue], ask: String) throws -> QuestionGenerator.Result {
        let spec = GeneratorSpec(generator: "scaling", ask: ask, parameters: parameters.mapValues { .fixed($0) }, tolerance: .absolute(0))
        return try QuestionGenerator.scaling.run(spec, seed: 1)
    }

    @Test("Seconds to reach a concurrency agree with the exam's reasoning: 1,000 at once, 1,000 more every 10 s")
    func race() throws {
        for thousands in 2...12 {
            let rps = Double(thousands * 1_000)
            let result = try run(["rps": .number(rps), "duration_ms": .number(1_000), "account_limit": .number(15_000)], ask: "seconds_to_target")
            #expect(result.values["seconds_to_target"] == Double((thousands - 1) * 10), "\(thousands),000")
            let estimate = ConcurrencyEstimate(requestsPerSecond: rps, durationSeconds: 1, accountLimit: 15_000)
            #expect(result.values["seconds_to_target"] == Double(estimate.secondsToScale), "the simulator agrees with calc")
        }
    }

    @Test("Throttles during the race are the triangle of shortfalls: for 3,000 req/s, 2,000 + 1,900 + … + 100 = 21,000")
    func throttled() throws {
        let result = try run(["rps": .number(3_000), "duration_ms": .number(1_000), "account_limit": .number(10_000), "seconds": .number(60)],
                             ask: "throttled")
        #expect(result.values["throttled"] == 21_000)
    }

    @Test("Provisioned concurrency is a head start; ignoring it is a known mistake with feedback")
    func provisioned() throws {
        let result = try run(["rps": .number(6_000), "duration_ms": .number(1_000), "provisioned": .number(2_000), "account_limit": .number(12_000)],
                             ask: "seconds_to_target")
        #expect(result.values["seconds_to_target"] == 30)
        let mistakes = result.mistakes["seconds_to_target"] ?? []
        #expect(mistakes.contains { $0.value == 50 && $0.feedback.contains("provisioned") })
        #expect(mistakes.contains { $0.value == 40 && $0.feedback.contains("at once") })
    }

    @Test("The pre-2023 model: a 3,000 burst in us-east-1, then 500 per minute")
    func legacy() throws {
        let result = try run(["rps": .number(4_000), "duration_ms": .number(1_000), "account_limit": .number(10_000), "model": .word("legacy")],
                             ask: "seconds_to_target")
        #expect(result.values["seconds_to_target"] == 120)
        #expect((result.mistakes["seconds_to_target"] ?? []).contains { $0.value == 30 && $0.feedback.contains("today's") })
    }

    @Test("Cold starts are the environments beyond the provisioned ones")
    func coldStarts() throws {
        let result = try run(["rps": .number(700), "duration_ms": .number(500), "provisioned": .number(200), "seconds": .number(300)],
                             ask: "cold_starts")
        #expect(result.values["cold_starts"] == 150)
        #expect(result.values["peak_concurrency"] == 350)
    }

    @Test("A target the function can never reach is a clear error, not a wrong key")
    func unreachable() {
        #expect(throws: QuizError.self) {
            try run(["rps": .number(5_000), "duration_ms": .number(1_000), "target": .number(5_000)], ask: "seconds_to_target")
        }
        // Settings Lambda refuses are refused here too, with Lambda's reason.
        do {
            _ = try run(["rps": .number(100), "duration_ms": .number(100), "reserved": .number(950)], ask: "seconds_to_target")
            Issue.record("reserved 950 of 1,000 was accepted")
        } catch let error as QuizError {
            #expect(error.code == .generatorParameter)
            #expect(error.message.contains("Lambda always keeps 100 unreserved"), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("The bundled scaling bank loads and every variant has a key")
    func bundledBank() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Quizzes/scaling.yaml")
        let result = BankParser.parse(yaml: try String(contentsOf: url, encoding: .utf8), file: "scaling.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.bank.questions.count == 5)
        for question in result.bank.questions {
            for seed in 1...10 {
                let presented = try question.present(seed: UInt64(seed))
                guard case .numeric = presented.key else { Issue.record("\(question.id) has no numeric key"); continue }
                #expect(!presented.stem.contains("{"), "\(question.id): \(presented.stem)")
                #expect(!(presented.explanation ?? "").contains("{"), "\(question.id): \(presented.explanation ?? "")")
            }
        }
    }
}
