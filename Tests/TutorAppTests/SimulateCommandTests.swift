import Foundation
import Testing
import TestSupport
@testable import TutorApp

@Suite("simulate command")
struct SimulateCommandTests {
    func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    @Test("The issue's example: charts of concurrency against its limits, throttles and cold starts, then the figures")
    func defaultView() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("simulate --rps 0-20000 --ramp 60s --duration 200ms --for 5m --reserved 800 --provisioned 500") == [true])
        let out = fixture.capture.output
        #expect(out.contains("Concurrency"))
        #expect(out.contains("reserved 800"))
        #expect(out.contains("provisioned 500"))
        #expect(out.contains("Cold starts and throttles per second"))
        #expect(out.contains("0 → 20,000 requests/s, ramp over 1m"))
        #expect(out.contains("peak concurrency   800"))
        #expect(out.contains("requests failed"))
        #expect(out.contains("at the peak: concurrency = 20,000 req/s × 0.200 s = 4,000"))
        #expect(out.contains("Provisioned concurrency"))
        #expect(out.contains("+ INIT:"))
        #expect(out.contains("not the sub-second"), "the model's simplification is shown with the output")
        #expect(out.contains("Assumptions AWS does not publish"))
        #expect(fixture.capture.errors.isEmpty)
        // No colour or braille in a plain, non-UTF-8 console.
        #expect(!out.contains("\u{1B}["))
        #expect(!out.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
        // Every character here is one column wide.
        for line in out.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test("--json: one series entry per simulated second with the issue's fields, and a summary")
    func jsonShape() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("simulate --rps 100 --duration 500ms --for 2m --json") == [true])
        let object = try json(fixture.capture.output)
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series.count == 120)
        for (index, entry) in series.enumerated() {
            #expect(entry["t"] as? Int == index)
            for key in ["requests", "concurrency", "coldStarts", "throttles", "backlog"] { #expect(entry[key] is NSNumber, "\(key)") }
        }
        #expect((series[60]["concurrency"] as? NSNumber)?.doubleValue == 50)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["throttles"] as? NSNumber)?.doubleValue == 0)
        #expect((summary["requests"] as? NSNumber)?.doubleValue == 12_000)
        let functions = try #require(summary["functions"] as? [[String: Any]])
        #expect(functions.first?["target"] as? Int == 50)
    }

    @Test("--rps N alone is a step from 0 to N at t = 0; --account-limit raises the pool")
    func stepAtZero() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("simulate --rps 10000 --duration 1s --account-limit 20000 --for 2m --json") == [true])
        let object = try json(fixture.capture.output)
        let series = try #require(object["series"] as? [[String: Any]])
        #expect((series[0]["requests"] as? NSNumber)?.doubleValue == 10_000)
        #expect((series[0]["concurrency"] as? NSNumber)?.doubleValue == 1_000)
        let summary = try #require(object["summary"] as? [String: Any])
        let function = try #require((summary["functions"] as? [[String: Any]])?.first)
        let reached = try #require(function["reachedTargetAt"] as? Int)
        #expect((90...100).contains(reached))
    }

    @Test("--csv: a header and one row per second; several functions get a function column")
    func csv() async throws {
        let fixture = try SessionFixture()
        // A bare --for is seconds (a bare --duration is milliseconds, as in calc).
        let results = await fixture.run("simulate --rps 10 --duration 100 --for 30 --csv", "simulate --preset noisy-neighbour --for 10s --csv")
        #expect(results == [true, true])
        let lines = fixture.capture.output.split(separator: "\n")
        #expect(lines[0] == "t,requests,invocations,concurrency,coldStarts,throttles,backlog,dropped,ceiling,environments")
        #expect(lines[1].hasPrefix("0,10,10,"))
        #expect(lines[31] == "function,t,requests,invocations,concurrency,coldStarts,throttles,backlog,dropped,ceiling,environments")
        #expect(lines[32].hasPrefix("checkout,0,300,"))
        #expect(lines[33].hasPrefix("report-export,0,0,"))
        #expect(lines.count == 52, "a header and 30 rows, then a header and 2 × 10 rows")
    }

    @Test("A preset by name, changed by options; --compare shows two variants and their bills")
    func presetsAndCompare() async throws {
        let fixture = try SessionFixture()
        let results = await fixture.run("simulate presets", "simulate --preset black-friday --account-limit 5000",
                                        "simulate --preset black-friday --compare account-limit=1000 account-limit=5000")
        #expect(results == [true, true, true])
        let out = fixture.capture.output
        #expect(out.contains("black-friday"))
        #expect(out.contains("scaling-race-2022"))
        #expect(out.contains("account limit 5,000"))
        #expect(out.contains("account-limit=1000: Concurrency"))
        #expect(out.contains("account-limit=5000: Concurrency"))
        #expect(out.contains("Cost for 5m"))
    }

    @Test("--compare of two presets: today's scaling against the pre-2023 burst model")
    func compareHistory() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("simulate --compare scaling-race scaling-race-2022 --for 20m --json") == [true])
        let object = try json(fixture.capture.output)
        let variants = try #require(object["compare"] as? [[String: Any]])
        let labels: [String] = variants.compactMap { $0["label"] as? String }
        #expect(labels == ["scaling-race", "scaling-race-2022"])
        let reached = try variants.map { variant -> Int in
            let summary = try #require(variant["summary"] as? [String: Any])
            return try #require((summary["functions"] as? [[String: Any]])?.first?["reachedTargetAt"] as? Int)
        }
        #expect(reached[0] < 100)
        #expect(reached[1] > 800)
    }

    @Test("A traffic CSV; a bad row is reported as path:line:col")
    func trafficFile() async throws {
        let fixture = try SessionFixture()
        try fixture.directory.write("good.csv", "t,rps\n0,100\n1,200\n2,300\n")
        try fixture.directory.write("bad.csv", "t,rps\n0,100\n1,lots\n")
        let good = fixture.directory.url.appendingPathComponent("good.csv").path
        let bad = fixture.directory.url.appendingPathComponent("bad.csv").path
        let results = await fixture.run("simulate --traffic \(good) --duration 100ms --json", "simulate --traffic \(bad) --duration 100ms")
        #expect(results == [true, false])
        let object = try json(fixture.capture.output)
        #expect((object["series"] as? [[String: Any]])?.count == 3)
        #expect(fixture.capture.errors.contains("\(bad):3:3: error: 'lots' is not a rate"))
    }

    @Test("Bad input gets a clear answer")
    func errors() async throws {
        let fixture = try SessionFixture()
        let results = await fixture.run(
            "simulate",
            "simulate --rps 100",
            "simulate --preset black-fridy",
            "simulate --rps 100 --duration 1s --reserved 950",
            "simulate --rps 100 --duration 1s --provisioned 200 --reserved 100",
            "simulate --preset black-friday --compare provisioned=1 memmory=512",
            "simulate --preset black-friday --compare provisioned=1",
            "simulate --rps 100 --duration 1s --json --csv",
            "simulate --rps 100 --duration 20min",
            "simulate --rps 100 --duration 1s --for 40d")
        #expect(results.allSatisfy { !$0 })
        let errors = fixture.capture.errors
        #expect(errors.contains("simulate needs traffic"))
        #expect(errors.contains("simulate needs --duration"))
        #expect(errors.contains("there is no preset 'black-fridy'"))
        #expect(errors.contains("did you mean 'black-friday'"))
        #expect(errors.contains("at most 900 can be set aside (Lambda always keeps 100 unreserved)"))
        #expect(errors.contains("provisioned concurrency (200) cannot exceed reserved concurrency (100)"))
        #expect(errors.contains("--compare cannot change 'memmory'"))
        #expect(errors.contains("did you mean 'memory'?"))
        #expect(errors.contains("--compare needs two variants"))
        #expect(errors.contains("choose one of --json and --csv"))
        #expect(errors.contains("at most the maximum timeout"))
        #expect(errors.contains("--for can be at most 31d"))
    }

    @Test("The command is in help and completes presets")
    func helpAndCompletion() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("help simulate") == [true])
        #expect(fixture.capture.output.contains("--compare A B"))
        #expect(fixture.session.registry.lookup("sim")?.name == "simulate")
    }
}
