import Foundation
import Testing
import TestSupport
import TerminalUI
@testable import TutorApp

@Suite("Facts and calculator commands")
struct ToolCommandTests {
    @Test("calc names an option of another calculator, and what this one takes; a lone --cold-rate or --hours says what it needs")
    func calcOptionErrors() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("calc memory --memory 512 --rps 5") == [false])
        #expect(fixture.capture.errors.contains("--rps is not an option of calc memory (it belongs to calc concurrency)"), "\(fixture.capture.errors)")
        #expect(fixture.capture.errors.contains("calc memory takes --memory"))
        #expect(await fixture.run("calc concurrency --rps 10 --duration 1s --memory 5") == [false])
        #expect(fixture.capture.errors.contains("calc concurrency takes --rps, --duration, --reserved, --account-limit"))
        #expect(await fixture.run("calc cost --requests 10 --duration 1s --memory 128 --cold-rate 15") == [false])
        #expect(fixture.capture.errors.contains("--cold-rate goes with --init"))
        #expect(await fixture.run("calc cost --requests 10 --duration 1s --memory 128 --hours 720") == [false])
        #expect(fixture.capture.errors.contains("--hours goes with --provisioned N"))
        #expect(await fixture.run("calc cost --requests 10 --duration 1s --memory 128 --arch sparc") == [false])
        #expect(fixture.capture.errors.contains("--arch must be x86_64 or arm64, got 'sparc'"))
    }

    @Test("calc cost shows the fact sheet's example A working and total")
    func costExampleA() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("calc cost --requests 5M --duration 200ms --memory 1024 --free-tier") == [true])
        let out = fixture.capture.output
        #expect(out.contains("5,000,000 × 0.2 s × 1 GB = 1,000,000 GB-s"))
        #expect(out.contains("− 400,000 GB-s free = 600,000 GB-s billable"))
        #expect(out.contains("Total: $10.80 per month"))
    }

    @Test("calc concurrency flags the request-rate limit even when concurrency fits")
    func rateLimit() async throws {
        let fixture = try SessionFixture()
        await fixture.run("calc concurrency --rps 20000 --duration 50ms")
        let out = fixture.capture.output
        #expect(out.contains("= 1,000 environments"))
        #expect(out.contains("above the request-rate limit of 10,000 req/s"))
        #expect(out.contains("a limit of at least 2,000"))
        #expect(out.contains("shorter durations would not lower it"), "the rate sets the limit, so shorter durations are no remedy")
        #expect(!out.contains("(or shorter durations)"))
    }

    @Test("calc concurrency with reserved concurrency 0 calls it the off switch, not a shortage")
    func killSwitch() async throws {
        let fixture = try SessionFixture()
        await fixture.run("calc concurrency --rps 150 --duration 2s --reserved 0")
        let out = fixture.capture.output
        #expect(out.contains("reserved concurrency 0 throttles every invocation"))
        #expect(!out.contains("needed:"), "no limit to raise: the function is switched off")
        #expect(!out.contains("even though concurrency fits"))
    }

    @Test("calc concurrency offers shorter durations only when concurrency sets the limit")
    func concurrencyLimit() async throws {
        let fixture = try SessionFixture()
        await fixture.run("calc concurrency --rps 3000 --duration 1s")
        let out = fixture.capture.output
        #expect(out.contains("a limit of at least 3,000 (or shorter durations)"))
    }

    @Test("calc memory shows the CPU share")
    func memory() async throws {
        let fixture = try SessionFixture()
        await fixture.run("calc memory --memory 1769")
        #expect(fixture.capture.output.contains("= 1.00 vCPU"))
    }

    @Test("Calculator input errors name the option and the expected form")
    func badInput() async throws {
        let fixture = try SessionFixture()
        let results = await fixture.run("calc", "calc speed", "calc concurrency --rps fast --duration 1s", "calc cost --requests 1M --duration 1s --memory 64",
                                        "calc cost --requests 1M --duration 1s --memory 128 --provisioned 2")
        #expect(results == [false, false, false, false, false])
        let errors = fixture.capture.errors
        #expect(errors.contains("calc needs what to calculate"))
        #expect(errors.contains("calc cannot work out 'speed'"))
        #expect(errors.contains("--rps must be a number such as 200, 5000 or 5M, got 'fast'"))
        #expect(errors.contains("--memory must be from 128 to 10,240 MB, got 64"))
        #expect(errors.contains("--provisioned needs --hours"))
    }

    @Test("facts lists, filters and shows one fact with its source")
    func facts() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("facts price arm", "facts timeout.max", "facts zzzz") == [true, true, false])
        let out = fixture.capture.output
        #expect(out.contains("price.arm.gbs_tier1"))
        #expect(out.contains("source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"))
    }

    @Test("help lists groups and explains one command with examples")
    func help() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("help", "help calc", "help nope") == [true, true, false])
        let out = fixture.capture.output
        #expect(out.contains("Lessons"))
        #expect(out.contains("Facts and calculators"))
        #expect(out.contains("calc concurrency --rps 200 --duration 300ms"))
        #expect(fixture.capture.errors.contains("no command 'nope'"))
    }
}

@Suite("Help overview layout")
struct HelpOverviewLayoutTests {
    @Test("At 80 columns every line fits, summaries start in one column, and a long usage gets a line of its own")
    func layout() {
        let view = HelpView(registry: .standard, style: .plain, width: 80)
        let lines = view.overview().components(separatedBy: "\n")
        let column = view.usageColumn()
        #expect(column <= 2 + 80 / 3 + 2)
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(line)") }
        for command in CommandRegistry.standard.commands {
            let entry = view.entry(command, column: column)
            let first = TextWrapper.wrap(command.summary, width: 80 - column)[0]
            let start = entry.firstIndex { $0.hasSuffix(first) && DisplayWidth.of($0) - DisplayWidth.of(first) == column }
            #expect(start != nil, "\(command.name)'s summary starts at column \(column): \(entry)")
            if DisplayWidth.of(command.synopsis) + 4 > column {
                #expect(start ?? 0 > 0, "\(command.name)'s long usage is on a line of its own: \(entry)")
            }
            #expect(entry.count - (start ?? 0) <= 3, "\(command.name)'s summary wraps over at most three lines: \(entry)")
        }
    }
}

@Suite("Invocation view")
struct InvocationViewTests {
    @Test("Small responses are shown whole and pretty; huge ones are cut with a note")
    func payloadDisplay() {
        #expect(InvocationView.displayedPayload(Data(#"{"a":1}"#.utf8)).contains("\"a\""))
        let big = Data(repeating: UInt8(ascii: "x"), count: 5_000_000)
        let shown = InvocationView.displayedPayload(big)
        #expect(shown.count < 10_000)
        #expect(shown.contains("5,000,000-byte response not shown"))
    }
}
