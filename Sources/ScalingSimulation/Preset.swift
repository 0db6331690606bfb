import LambdaModel

/// A named scenario a lesson (or a trainer) can start from: `simulate --preset black-friday`.
/// Options given with a preset change its first function or its account.
package struct Preset: Sendable {
    package let name: String
    package let summary: String
    package let scenario: Scenario

    package static func named(_ name: String) -> Preset? { all.first { $0.name == name } }

    package static var names: [String] { all.map(\.name) }

    package static let all: [Preset] = [
        Preset(name: "scaling-race",
               summary: "A step from 0 to 10,000 requests/s of 1 s each, quota raised to 15,000: how long until every request is served?",
               scenario: Scenario(accountLimit: 15_000, lengthSeconds: 180, functions: [
                   FunctionSpec(name: "race", traffic: .steady(rps: 10_000), duration: .fixed(seconds: 1), memoryMB: 512),
               ])),
        Preset(name: "scaling-race-2022",
               summary: "The same race under the pre-November-2023 model (history): an account burst of 3,000, then 500 per minute.",
               scenario: Scenario(accountLimit: 15_000, scaling: .legacy(region: "us-east-1"), lengthSeconds: 1_200, functions: [
                   FunctionSpec(name: "race", traffic: .steady(rps: 10_000), duration: .fixed(seconds: 1), memoryMB: 512),
               ])),
        Preset(name: "black-friday",
               summary: "A checkout API at doors-open: 500 requests/s, then a one-minute rush to 20,000/s at 200 ms, on the default quota.",
               scenario: Scenario(lengthSeconds: 300, functions: [
                   FunctionSpec(name: "checkout", traffic: .ramp(from: 500, to: 20_000, start: 60, length: 60), duration: .fixed(seconds: 0.2),
                                memoryMB: 1024),
               ])),
        Preset(name: "noisy-neighbour",
               summary: "A steady checkout (sync, 300/s × 300 ms, reserved 150) and a report export (async) that bursts to 3,000 events/s in the same account.",
               scenario: Scenario(lengthSeconds: 600, functions: [
                   FunctionSpec(name: "checkout", traffic: .steady(rps: 300), duration: .fixed(seconds: 0.3), memoryMB: 1024, reserved: 150),
                   FunctionSpec(name: "report-export", traffic: .spike(base: 0, peak: 3_000, start: 30, length: 120), duration: .fixed(seconds: 1.5),
                                memoryMB: 2048, caller: .asyncDefault),
               ])),
        Preset(name: "diurnal-api",
               summary: "A day of an API between 20 and 600 requests/s (150 ms, 512 MB): is provisioned concurrency worth it?",
               scenario: Scenario(lengthSeconds: 86_400, functions: [
                   FunctionSpec(name: "api", traffic: .sine(low: 20, high: 600, period: 86_400), duration: .lognormal(p50: 0.12, p99: 0.6),
                                memoryMB: 512),
               ])),
        Preset(name: "sqs-backlog",
               summary: "An SQS queue gets 1,500 messages/s for 5 minutes; batches of 10 take 2 s. Watch the pollers scale and the backlog drain.",
               scenario: Scenario(lengthSeconds: 1_200, functions: [
                   FunctionSpec(name: "worker", traffic: .spike(base: 0, peak: 1_500, start: 10, length: 300), duration: .fixed(seconds: 2),
                                memoryMB: 1024, caller: .queueDefault),
               ])),
        Preset(name: "image-filter",
               summary: "A single-threaded image filter at 600 requests/s: 2,000 ms at 256 MB (compare other memory sizes).",
               scenario: Scenario(lengthSeconds: 600, functions: [
                   FunctionSpec(name: "filter", traffic: .steady(rps: 600), duration: .fixed(seconds: 2), memoryMB: 256),
               ])),
    ]
}
