import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// Our scheduler against py-fsrs, the reference implementation, installed from PyPI into a
/// throwaway venv: the same review sequences under several settings must give the same state,
/// step, stability, difficulty, due date and retrievability. Cancelled (shown as skipped) when
/// PyPI is unreachable; under CI that fails instead.
@Suite(.serialized)
struct PyFSRSComparisonTests {
    /// The latest py-fsrs release, which implements FSRS-6.
    static let reference = "fsrs==6.3.2"

    struct Configuration {
        var name: String
        var scheduler: Scheduler

        var json: [String: Any] {
            ["name": name, "parameters": scheduler.parameters.weights, "desired_retention": scheduler.desiredRetention,
             "learning_steps": scheduler.learningSteps, "relearning_steps": scheduler.relearningSteps,
             "maximum_interval": scheduler.maximumInterval]
        }
    }

    /// py-fsrs's second parameter set from its test suite, retention 0.85.
    static let otherParameters: [Double] = [0.1456, 0.4186, 1.1104, 4.1315, 5.2417, 1.3098, 0.8975, 0.0010, 1.5674, 0.0567,
                                            0.9661, 2.0275, 0.1592, 0.2446, 1.5071, 0.2272, 2.8755, 1.234, 0.56789, 0.1437, 0.2]

    static func configurations() throws -> [Configuration] {
        [
            Configuration(name: "defaults", scheduler: try Scheduler(fuzz: .off)),
            Configuration(name: "other parameters, retention 0.85",
                          scheduler: try Scheduler(parameters: FSRSParameters(otherParameters), desiredRetention: 0.85, maximumInterval: 3650, fuzz: .off)),
            Configuration(name: "one learning step, two relearning steps",
                          scheduler: try Scheduler(desiredRetention: 0.95, learningSteps: [120], relearningSteps: [300, 3600], fuzz: .off)),
            Configuration(name: "no steps", scheduler: try Scheduler(learningSteps: [], relearningSteps: [], fuzz: .off)),
        ]
    }

    /// Review sequences with every grade and every kind of gap: on time, the same day, early,
    /// and long overdue. Deterministic (a fixed linear congruential generator).
    static func sequences(count: Int, length: Int, scheduler: Scheduler) -> [[(rating: Rating, time: Date)]] {
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var all: [[(Rating, Date)]] = []
        for _ in 0..<count {
            var card = ReviewCard(id: "x", created: PublishedScheduleTests.start)
            var time = PublishedScheduleTests.start
            var sequence: [(Rating, Date)] = []
            for _ in 0..<length {
                let roll = next(100)
                let rating: Rating = roll < 20 ? .again : roll < 35 ? .hard : roll < 85 ? .good : .easy
                sequence.append((rating, time))
                card = scheduler.review(card, rating: rating, at: time)
                let interval = card.due.timeIntervalSince(time)
                switch next(4) {
                case 0: time = card.due                                                // on time
                case 1: time = time.addingTimeInterval(Double(60 + next(7200)))        // the same day
                case 2: time = time.addingTimeInterval((interval * Double(20 + next(60)) / 100).rounded()) // early
                default: time = time.addingTimeInterval((interval * Double(100 + next(300)) / 100).rounded() + Double(next(86_400))) // late
                }
            }
            all.append(sequence)
        }
        return all
    }

    @Test func schedulesMatchPyFSRS() throws {
        let venv = try PythonVenv.forTest([Self.reference])
        let configurations = try Self.configurations()
        var runs: [[String: Any]] = []
        var expected: [[[ReviewCard]]] = []
        var inputs: [[[(rating: Rating, time: Date)]]] = []
        for configuration in configurations {
            let sequences = Self.sequences(count: 40, length: 25, scheduler: configuration.scheduler)
            inputs.append(sequences)
            runs.append(["config": configuration.json,
                         "sequences": sequences.map { $0.map { ["rating": $0.rating.rawValue, "time": $0.time.timeIntervalSince1970] } }])
            expected.append(sequences.map { sequence in
                var card = ReviewCard(id: "x", created: sequence[0].time)
                return sequence.map { review in
                    card = configuration.scheduler.review(card, rating: review.rating, at: review.time)
                    return card
                }
            })
        }
        let fuzzDays = Array(1...60) + [75, 100, 180, 365, 500, 1000, 3000]
        let request = try JSONSerialization.data(withJSONObject: ["runs": runs, "fuzz_days": fuzzDays])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/replay.py").path
        let run = PythonVenv.run(venv.python, [script], input: request)
        try #require(run.status == 0, "replay.py failed: \(run.output)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])

        #expect(output["defaults"] as? [Double] == FSRSParameters.defaults.weights, "py-fsrs's default parameters changed")
        var compared = 0
        let reference = try #require(output["runs"] as? [[String: Any]])
        for (c, configuration) in configurations.enumerated() {
            let sequences = try #require(reference[c]["sequences"] as? [[[String: Any]]])
            for (s, sequence) in sequences.enumerated() {
                for (r, theirs) in sequence.enumerated() {
                    let ours = expected[c][s][r]
                    let place = "\(configuration.name), sequence \(s), review \(r) (\(inputs[c][s].prefix(r + 1).map(\.rating)))"
                    #expect(theirs["state"] as? Int == ours.state.rawValue, "state: \(place)")
                    #expect(theirs["step"] as? Int == ours.step, "step: \(place)")
                    let stability = try #require(theirs["stability"] as? Double)
                    let difficulty = try #require(theirs["difficulty"] as? Double)
                    #expect(abs(stability - ours.stability!) <= 1e-9 * max(1, stability), "stability \(stability) vs \(ours.stability!): \(place)")
                    #expect(abs(difficulty - ours.difficulty!) <= 1e-9, "difficulty \(difficulty) vs \(ours.difficulty!): \(place)")
                    let due = try #require(theirs["due"] as? Double)
                    #expect(abs(due - ours.due.timeIntervalSince1970) < 0.001, "due: \(place)")
                    let retrievability = try #require(theirs["retrievability"] as? Double)
                    let ourRetrievability = configuration.scheduler.retrievability(of: ours, at: inputs[c][s][r].time.addingTimeInterval(3 * 86_400))
                    #expect(abs(retrievability - ourRetrievability) < 1e-9, "retrievability: \(place)")
                    compared += 1
                }
            }
        }
        #expect(compared == 4 * 40 * 25)

        let windows = try #require(output["fuzz"] as? [[Int]])
        for (days, window) in zip(fuzzDays, windows) {
            let ours = Scheduler.standard.fuzzRange(days: days).map { [$0.lowerBound, $0.upperBound] } ?? [days, days]
            #expect(ours == window, "fuzz window for \(days) days: ours \(ours), py-fsrs \(window)")
        }
    }
}
