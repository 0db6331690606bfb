import ContentYAML
import Foundation
import LambdaEvents
import MiniLambda
import TutorSupport

/// Reads the `cases:` of an exercise: one invoke written inline (`event`, `set`, `expect`), or
/// several in one execution environment (`invokes:`), with `across:` checks over all of them.
enum CaseParser {
    static let caseKeys = ["name", "why", "environment", "event", "set", "expect", "invokes", "across"]
    static let invokeKeys = ["event", "set", "expect"]
    static let expectKeys = ["status", "error-type", "error-message-contains", "response", "response-includes", "body-includes",
                             "body-contains", "logs-contain", "logs-exclude", "log-json-includes", "cold"]
    static let acrossKeys = ["logs-count", "warm-faster-than-init"]

    static func readCase(_ node: YAMLNode, _ reader: inout YAMLReader) -> TestCase? {
        let line = reader.location(node).line
        guard let entries = reader.entries(node, "a test case", allowed: caseKeys) else { return nil }
        let fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let nameNode = fields["name"] else {
            reader.error(node, "a test case needs a `name:` (shown to the learner when it fails)")
            return nil
        }
        guard let name = reader.text(nameNode, "name") else { return nil }
        let why = fields["why"].flatMap { reader.text($0, "why") }
        if why == nil { reader.warning(nameNode, "case '\(name)' has no `why:`; learners see it when the case fails, to explain it in AWS terms") }
        let environment = fields["environment"].flatMap { ExerciseParser.readEnvironment($0, "environment", allowingRemoval: true, &reader) } ?? [:]

        var invokes: [InvokeStep] = []
        let inline = ["event", "set", "expect"].contains { fields[$0] != nil }
        if let list = fields["invokes"] {
            if inline { reader.error(list, "case '\(name)': give either `invokes:` or one inline `event:`/`expect:`, not both") }
            guard case .list(let sequence) = list, !sequence.isEmpty else {
                reader.error(list, "invokes must be a list of invocations (each with `event:` and `expect:`)")
                return nil
            }
            for item in sequence {
                guard let step = reader.entries(item, "an invocation", allowed: invokeKeys) else { continue }
                let stepFields = Dictionary(step.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                if let parsed = readInvoke(stepFields, at: item, caseName: name, &reader) { invokes.append(parsed) }
            }
        } else if inline {
            if let parsed = readInvoke(fields, at: node, caseName: name, &reader) { invokes.append(parsed) }
        } else {
            reader.error(node, "case '\(name)' invokes nothing: add `event:` and `expect:`, or `invokes:`")
        }

        var across: [AcrossCheck] = []
        if let node = fields["across"], let checks = reader.entries(node, "across", allowed: acrossKeys) {
            for check in checks {
                switch check.key {
                case "logs-count":
                    guard let counts = reader.entries(check.value, "logs-count", allowed: nil) else { continue }
                    var table: [String: Int] = [:]
                    for count in counts {
                        if let number = reader.number(count.value, "the count of '\(count.key)'"), number >= 0, number.rounded() == number {
                            table[count.key] = Int(number)
                        } else {
                            reader.error(count.value, "the count of '\(count.key)' must be a whole number")
                        }
                    }
                    across.append(.logsCount(table))
                case "warm-faster-than-init":
                    if reader.bool(check.value, "warm-faster-than-init") == true { across.append(.warmFasterThanInit) }
                    if invokes.count < 2 { reader.error(check.keyNode, "warm-faster-than-init needs at least two invokes (a cold one, then warm ones)") }
                default:
                    break
                }
            }
        }
        let checks = invokes.reduce(0) { $0 + $1.checks.count } + across.count
        if checks == 0, !invokes.isEmpty { reader.error(node, "case '\(name)' checks nothing: add `expect:`") }
        return TestCase(name: name, why: why, environment: environment, invokes: invokes, across: across, line: line)
    }

    static func readInvoke(_ fields: [String: YAMLNode], at node: YAMLNode, caseName: String, _ reader: inout YAMLReader) -> InvokeStep? {
        let line = reader.location(node).line
        var event = EventSource.inline(.object([:]))
        // Read everything even after a problem, so `check` reports every mistake at once.
        var valid = true
        if let eventNode = fields["event"] {
            if case .scalar(let scalar) = eventNode, scalar.style == .plain {
                let name = scalar.string
                if SampleEvents.names.contains(name) {
                    event = .sample(name)
                } else {
                    let hint = Suggestions.didYouMean(name, in: SampleEvents.names) ?? "sample events: \(SampleEvents.names.joined(separator: ", "))"
                    reader.error(eventNode, "no sample event named '\(name)'; \(hint) — or write the event as a mapping")
                    valid = false
                }
            } else if let value = reader.json(eventNode, "the event") {
                event = .inline(value)
            } else {
                valid = false
            }
        }
        var overrides: [String] = []
        if let setNode = fields["set"], let list = reader.strings(setNode, "set") {
            for override in list {
                guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
                    reader.error(setNode, "'\(override)' is not path=value (as `invoke --set` takes it: Records[0].body=hello)")
                    continue
                }
                overrides.append(override)
            }
            if valid, let data = try? eventData(event, overrides: []) {
                do {
                    _ = try SampleEvents.apply(overrides, to: data)
                } catch {
                    reader.error(setNode, "set: \(error.message)")
                }
            }
        }
        var checks: [Check] = []
        if let expect = fields["expect"], let entries = reader.entries(expect, "expect", allowed: expectKeys) {
            for entry in entries {
                if let check = readCheck(entry.key, entry.value, &reader) { checks.append(check) }
            }
            if entries.isEmpty { reader.error(expect, "expect is empty") }
        }
        return valid ? InvokeStep(event: event, overrides: overrides, checks: checks, line: line) : nil
    }

    static func readCheck(_ key: String, _ node: YAMLNode, _ reader: inout YAMLReader) -> Check? {
        switch key {
        case "status":
            guard let text = reader.text(node, "status") else { return nil }
            guard let status = ExpectedStatus(rawValue: text) else {
                let words = ExpectedStatus.allCases.map(\.rawValue)
                reader.error(node, "status is one of \(words.joined(separator: ", ")), not '\(text)'" + (Suggestions.didYouMean(text, in: words).map { "; \($0)" } ?? ""))
                return nil
            }
            return .status(status)
        case "error-type": return reader.text(node, key).map(Check.errorType)
        case "error-message-contains": return reader.text(node, key).map(Check.errorMessageContains)
        case "response": return reader.json(node, key).map(Check.response)
        case "response-includes": return reader.json(node, key).map(Check.responseIncludes)
        case "body-includes": return reader.json(node, key).map(Check.bodyIncludes)
        case "body-contains": return reader.text(node, key).map(Check.bodyContains)
        case "logs-contain": return reader.strings(node, key).map(Check.logsContain)
        case "logs-exclude": return reader.strings(node, key).map(Check.logsExclude)
        case "log-json-includes": return reader.json(node, key).map(Check.logJSONIncludes)
        case "cold": return reader.bool(node, key).map(Check.coldStart)
        default: return nil
        }
    }

    /// The event bytes a step sends.
    static func eventData(_ event: EventSource, overrides: [String]) throws(SampleEventError) -> Data {
        switch event {
        case .sample(let name): return try SampleEvents.event(name, overrides: overrides)
        case .inline(let value): return try SampleEvents.apply(overrides, to: value.data)
        }
    }
}
