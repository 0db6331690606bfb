import Foundation
import LambdaModel
import Testing
@testable import ScalingSimulation

@Suite("Cost, callers, several functions")
struct ModelTests {
    @Test("The bill is CostEstimate's: requests, GB-seconds and INIT of the cold starts, nothing priced here")
    func costReusesCostEstimate() throws {
        let function = FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.2), initSeconds: 0.3, memoryMB: 1024)
        let result = try Simulator(Scenario(lengthSeconds: 3_600, functions: [function])).run()
        let summary = result.main
        let expected = CostEstimate(CostEstimate.Input(requests: summary.invocations, durationMs: 200, memoryMB: 1024,
                                                       initMs: 300, coldStartRate: summary.coldStarts / summary.invocations))
        #expect(summary.cost.provisioned == nil)
        #expect(summary.cost.onDemand == expected)
        #expect(abs(summary.cost.total - expected.total) < 1e-12)
        // 360,000 requests at $0.20 per million, 72,000 GB-s at the first x86 tier, plus INIT.
        let requests = 360_000 / 1_000_000 * Facts.priceRequests.value
        let compute = (360_000 * 0.2 + summary.coldStarts * 0.3) * 1 * Facts.priceX86Tier1.value
        #expect(abs(summary.cost.total - requests - compute) < 1e-9)
        #expect(summary.cost.monthlyTotal != nil)
    }

    @Test("Provisioned and spill-over invocations are priced apart: the PC charge for the whole run, on-demand rates above it")
    func provisionedCost() throws {
        let function = FunctionSpec(traffic: .steady(rps: 600), duration: .fixed(seconds: 1), initSeconds: 0, memoryMB: 2048, provisioned: 500)
        let result = try Simulator(Scenario(lengthSeconds: 3_600, functions: [function])).run()
        let cost = result.main.cost
        let pc = try #require(cost.provisioned)
        let onDemand = try #require(cost.onDemand)
        #expect(pc.input.provisioned == 500)
        #expect(pc.input.provisionedHours == 1)
        #expect(abs(pc.input.requests - 500 * 3_600) < 1e-6)
        #expect(abs(onDemand.input.requests - 100 * 3_600) < 1e-6)
        let pcLine = try #require(pc.lines.first { $0.label == "Provisioned concurrency" })
        #expect(abs(pcLine.amount - 500 * 2 * 3_600 * Facts.priceProvisioned.value) < 1e-6)
        #expect(cost.lines.count == pc.lines.count + onDemand.lines.count)
        // The calculator's even-spread assumption is not the simulator's (it counted the split).
        #expect(pc.assumptions.contains(.evenSpread))
        #expect(!cost.notes.contains(CostEstimate.Assumption.evenSpread.text), "\(cost.notes)")
    }

    @Test("Reserved concurrency protects a function from a noisy neighbour; without it, both fight over the pool")
    func noisyNeighbour() throws {
        let preset = try #require(Preset.named("noisy-neighbour"))
        let protected = try Simulator(preset.scenario).run()
        #expect(protected.summaries[0].failed == 0, "checkout keeps its reserved 150")
        #expect(protected.summaries[1].throttles > 0, "the export is held to the rest of the pool")
        #expect(protected.summaries[1].failed == 0, "async events wait and retry")
        for t in protected.account.indices {
            #expect(protected.account[t].concurrency <= 1_000 + 1e-6)
        }

        var exposed = preset.scenario
        exposed.functions[0].reserved = nil
        let result = try Simulator(exposed).run()
        #expect(result.summaries[0].failed > 0, "checkout now loses requests during the burst")
        for t in result.account.indices {
            #expect(result.account[t].concurrency <= 1_000 + 1e-6, "second \(t)")
        }
    }

    @Test("SQS pollers start with 5 batches, add up to 300 per minute, and every message is processed in the end")
    func sqsPollers() throws {
        let function = FunctionSpec(traffic: .spike(base: 0, peak: 500, start: 0, length: 60), duration: .fixed(seconds: 1), initSeconds: 0,
                                    caller: .queue(batchSize: 10, maxConcurrency: nil))
        let result = try Simulator(Scenario(lengthSeconds: 900, functions: [function])).run()
        let series = result.series[0]
        #expect(series[0].concurrency == Facts.sqsInitialBatches.value)
        let perSecond = Facts.sqsScaleUpPerMinute.value / 60
        for t in 1..<30 {
            #expect(series[t].concurrency <= series[t - 1].concurrency + perSecond + 1e-9)
        }
        #expect(result.main.throttles == 0)
        #expect(result.main.backlogAtEnd == 0)
        #expect(result.main.peakBacklog > 0)
        #expect(result.main.requests == 30_000)
        #expect(result.main.invocations == 3_000, "30,000 messages in batches of 10")
    }

    @Test("Throttled SQS batches stay in the queue and the pollers back off")
    func sqsThrottled() throws {
        let function = FunctionSpec(traffic: .steady(rps: 2_000), duration: .fixed(seconds: 1), caller: .queueDefault, reserved: 20)
        let result = try Simulator(Scenario(lengthSeconds: 300, functions: [function])).run()
        #expect(result.main.throttles > 0)
        #expect(result.main.failed == 0)
        #expect(result.series[0].allSatisfy { $0.concurrency <= 20 + 1e-9 })
        let accounted = result.main.invocations * 10 + result.main.backlogAtEnd
        #expect(accounted >= result.main.requests - 1e-6)
    }

    @Test("A log-normal duration keeps its median and 99th percentile, and concurrency settles at rate × mean")
    func lognormal() throws {
        let duration = DurationModel.lognormal(p50: 0.12, p99: 0.9)
        #expect(abs(duration.quantile(0.5) - 0.12) < 1e-6)
        #expect(abs(duration.quantile(0.99) - 0.9) < 1e-6)
        let kernel = OccupancyKernel(duration: duration, initSeconds: 0)
        let sigma = (log(0.9) - log(0.12)) / DurationModel.z99
        let mean = exp(log(0.12) + sigma * sigma / 2)
        #expect(abs(kernel.meanDuration - mean) < 1e-4)
        let result = try Simulator(Scenario(lengthSeconds: 120, functions: [
            FunctionSpec(traffic: .steady(rps: 1_000), duration: duration, initSeconds: 0),
        ])).run()
        #expect(abs(result.series[0][100].concurrency - 1_000 * mean) < 0.5)
        #expect(abs((result.main.latencyP99 ?? 0) - 0.9) < 1e-3)
    }

    @Test("Traffic shapes: ramp, spike, sine and step give the rates they describe")
    func profiles() {
        #expect(TrafficProfile.ramp(from: 0, to: 20_000, start: 0, length: 60).rate(at: 30) == 10_000)
        #expect(TrafficProfile.ramp(from: 0, to: 20_000, start: 0, length: 60).rate(at: 90) == 20_000)
        #expect(TrafficProfile.spike(base: 10, peak: 100, start: 5, length: 5).rate(at: 4) == 10)
        #expect(TrafficProfile.spike(base: 10, peak: 100, start: 5, length: 5).rate(at: 9) == 100)
        #expect(TrafficProfile.spike(base: 10, peak: 100, start: 5, length: 5).rate(at: 10) == 10)
        #expect(TrafficProfile.sine(low: 20, high: 600, period: 86_400).rate(at: 0) == 20)
        #expect(abs(TrafficProfile.sine(low: 20, high: 600, period: 86_400).rate(at: 43_200) - 600) < 1e-9)
        #expect(TrafficProfile.step(from: 0, to: 50, at: 10).rate(at: 9) == 0)
        #expect(TrafficProfile.step(from: 0, to: 50, at: 10).rate(at: 10) == 50)
    }

    @Test("Fractional rates become whole arrivals without losing any")
    func fractionalArrivals() throws {
        let result = try Simulator(Scenario(lengthSeconds: 100, functions: [
            FunctionSpec(traffic: .steady(rps: 0.5), duration: .fixed(seconds: 0.1)),
        ])).run()
        #expect(result.main.requests == 50)
        #expect(result.series[0].allSatisfy { $0.requests == 0 || $0.requests == 1 })
    }

    @Test("Buckets condense a long run for charts: counts add up, levels keep their peak")
    func buckets() throws {
        let scenario = Scenario(lengthSeconds: 3_600, functions: [FunctionSpec(traffic: .steady(rps: 10), duration: .fixed(seconds: 0.1))])
        let fine = try Simulator(scenario).run()
        let coarse = try Simulator(scenario).run(maxSamples: 100)
        #expect(coarse.bucketSeconds == 36)
        #expect(coarse.series[0].count == 100)
        #expect(coarse.series[0].reduce(0) { $0 + $1.requests } == fine.series[0].reduce(0) { $0 + $1.requests })
        #expect(coarse.series[0].map(\.concurrency).max() == fine.series[0].map(\.concurrency).max())
    }

    @Test("Lambda's own rules are enforced: 100 units stay unreserved, provisioned never above reserved")
    func validation() {
        func error(_ scenario: Scenario) -> String? {
            do { try scenario.validate(); return nil } catch { return error.code }
        }
        let base = FunctionSpec(traffic: .steady(rps: 1), duration: .fixed(seconds: 1))
        var tooMuch = base
        tooMuch.reserved = 950
        #expect(error(Scenario(lengthSeconds: 10, functions: [tooMuch])) == "reserved.too_high")
        var pcAboveReserved = base
        pcAboveReserved.reserved = 100
        pcAboveReserved.provisioned = 200
        #expect(error(Scenario(lengthSeconds: 10, functions: [pcAboveReserved])) == "function.provisioned")
        var longDuration = base
        longDuration.duration = .fixed(seconds: 901)
        #expect(error(Scenario(lengthSeconds: 10, functions: [longDuration])) == "function.duration")
        var ok = base
        ok.reserved = 900
        #expect(error(Scenario(lengthSeconds: 10, functions: [ok])) == nil)
        #expect(error(Scenario(lengthSeconds: 0, functions: [base])) == "scenario.length")
    }

    @Test("Every preset runs, and none breaks its own limits")
    func presets() throws {
        for preset in Preset.all {
            var scenario = preset.scenario
            scenario.lengthSeconds = min(scenario.lengthSeconds, 3_600)
            let result = try Simulator(scenario).run(maxSamples: 600)
            #expect(result.main.requests > 0, "\(preset.name)")
            for (index, function) in scenario.functions.enumerated() {
                let cap = Double(function.reserved ?? scenario.accountLimit)
                #expect(result.series[index].allSatisfy { $0.concurrency <= cap + 1e-6 }, "\(preset.name)/\(function.name)")
            }
        }
    }
}

@Suite("Traffic CSV")
struct TrafficCSVTests {
    @Test("One rate per row, or t,rps with gaps as zero; a header and comments are skipped")
    func accepted() throws {
        #expect(try TrafficCSV.parse("100\n200\n\n# note\n300\n") == .series([100, 200, 300]))
        #expect(try TrafficCSV.parse("t,rps\n0,10\n3,40\n") == .series([10, 0, 0, 40]))
        #expect(try TrafficCSV.parse("second, requests\r\n0, 5\r\n1, 6\r\n") == .series([5, 6]))
    }

    @Test("Mistakes give the line and column of the bad field")
    func errors() {
        func failure(_ text: String) -> (String, Int?, Int?)? {
            do { _ = try TrafficCSV.parse(text); return nil } catch { return (error.message, error.line, error.column) }
        }
        let bad = failure("t,rps\n0,10\n1, fast\n")
        #expect(bad?.0 == "'fast' is not a rate (requests per second, zero or more)")
        #expect(bad?.1 == 3)
        #expect(bad?.2 == 4)
        let backwards = failure("0,10\n5,1\n2,3\n")
        #expect(backwards?.1 == 3)
        #expect(backwards?.2 == 1)
        #expect(failure("10\n-1\n")?.1 == 2)
        #expect(failure("")?.0 == "no rows with a rate")
        #expect(failure("1,2\n3\n")?.0 == "expected two columns (t,rps), found 1")
    }
}

