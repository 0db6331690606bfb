import ContentYAML
import TutorSupport

/// `type: generated`: a generator, the result that is the key, how each parameter is drawn.
extension BankParser {
    static let generatedKeys = ["generator", "ask", "parameters", "tolerance", "unit"]

    static func readGenerated(_ fields: QuestionFields, _ reader: inout YAMLReader) -> GeneratorSpec? {
        guard let generatorNode = fields.require("generator", "one of \(QuestionGenerator.all.map(\.name).joined(separator: ", "))", &reader),
              let name = reader.text(generatorNode, "generator") else { return nil }
        guard let generator = QuestionGenerator.named(name) else {
            let hint = Suggestions.didYouMean(name, in: QuestionGenerator.all.map(\.name)).map { "; \($0)" }
                ?? " (generators: \(QuestionGenerator.all.map(\.name).joined(separator: ", ")))"
            reader.error(generatorNode, "unknown generator '\(name)'\(hint)")
            return nil
        }
        let outputs = generator.outputs.map(\.name)
        guard let askNode = fields.require("ask", "which result is the key: \(outputs.joined(separator: ", "))", &reader),
              let ask = reader.text(askNode, "ask") else { return nil }
        if !outputs.contains(ask) {
            let hint = Suggestions.didYouMean(ask, in: outputs).map { "; \($0)" } ?? " (results: \(outputs.joined(separator: ", ")))"
            reader.error(askNode, "generator '\(name)' has no result '\(ask)'\(hint)")
        }
        var parameters: [String: ParameterDraw] = [:]
        if let node = fields.require("parameters", "how each number is drawn", &reader),
           let entries = reader.entries(node, "parameters", allowed: generator.parameters.map(\.name)) {
            for entry in entries {
                if let draw = readDraw(entry.value, name: entry.key, &reader) { parameters[entry.key] = draw }
            }
            for parameter in generator.parameters where parameter.required && parameters[parameter.name] == nil
                && !entries.contains(where: { $0.key == parameter.name }) {
                reader.error(node, "generator '\(name)' needs the parameter '\(parameter.name)' (\(parameter.summary))")
            }
        }
        guard let toleranceNode = fields.require("tolerance", "how far off an answer may be; `0` for exact, `1%` for relative", &reader),
              let tolerance = readTolerance(toleranceNode, &reader) else { return nil }
        return GeneratorSpec(generator: name, ask: ask, parameters: parameters, tolerance: tolerance,
                             unit: fields["unit"].flatMap { reader.text($0, "unit") })
    }

    /// `250`, `arm64`, `[128, 512]` (one of), `{from: 50, to: 500, step: 50}`, `{one_of: […]}`.
    private static func readDraw(_ node: YAMLNode, name: String, _ reader: inout YAMLReader) -> ParameterDraw? {
        func value(_ node: YAMLNode) -> ParameterValue? {
            guard let text = reader.string(node, "parameter '\(name)'") else { return nil }
            if let number = YAMLReader.parseNumber(text) { return .number(number) }
            return .word(text)
        }
        switch node {
        case .scalar:
            return value(node).map(ParameterDraw.fixed)
        case .list(let sequence):
            let values = sequence.compactMap(value)
            guard !values.isEmpty, values.count == sequence.count else {
                if sequence.isEmpty { reader.error(node, "parameter '\(name)': the list of values is empty") }
                return nil
            }
            return .oneOf(values)
        case .mapping:
            guard let entries = reader.entries(node, "parameter '\(name)'", allowed: ["from", "to", "step", "one_of"]) else { return nil }
            if let oneOf = entries.first(where: { $0.key == "one_of" }) {
                return readDraw(oneOf.value, name: name, &reader)
            }
            let from = entries.first { $0.key == "from" }.flatMap { reader.number($0.value, "from") }
            let to = entries.first { $0.key == "to" }.flatMap { reader.number($0.value, "to") }
            let step = entries.first { $0.key == "step" }.flatMap { reader.number($0.value, "step") } ?? 1
            guard let from, let to else {
                reader.error(node, "parameter '\(name)' needs `from:` and `to:` (and optionally `step:`)")
                return nil
            }
            guard to >= from, step > 0 else {
                reader.error(node, "parameter '\(name)': `to` must be at least `from`, and `step` above zero")
                return nil
            }
            return .range(from: from, to: to, step: step)
        case .alias:
            reader.error(node, "YAML aliases are not supported in banks")
            return nil
        }
    }
}
