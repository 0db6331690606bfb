import TutorSupport
import Foundation

/// An option a command accepts (`--rps 200`, `--json`).
package struct OptionSpec: Sendable, Hashable {
    package let name: String
    /// Placeholder shown in help (`N`, `FILE`); nil for a flag that takes no value.
    package let value: String?
    package let help: String
    package let repeatable: Bool
    /// The value may be left out (`quiz --topic` alone lists the topics): then the option
    /// reads as a flag.
    package let valueOptional: Bool

    package init(_ name: String, value: String? = nil, help: String, repeatable: Bool = false, valueOptional: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
        self.valueOptional = valueOptional
    }

    package var takesValue: Bool { value != nil }
}

/// The words of a command line after the command name, split into positionals and options,
/// with typed accessors that fail with a sentence a learner understands.
package struct Arguments: Sendable {
    package private(set) var positionals: [String]
    private var options: [String: [String]]
    private var flags: Set<String>
    package let command: String

    /// Parses words against the command's option specs. Accepts `--name value`, `--name=value`
    /// and `--` to end options.
    package init(_ words: [String], specs: [OptionSpec], command: String) throws(CommandError) {
        self.command = command
        var positionals: [String] = []
        var options: [String: [String]] = [:]
        var flags = Set<String>()
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            guard !optionsEnded, word.hasPrefix("--"), word.count > 2 else {
                if word == "--" && !optionsEnded {
                    optionsEnded = true
                } else {
                    positionals.append(word)
                }
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                var hint = "see 'help \(command)'"
                if let suggestion = Suggestions.closest(to: name, in: specs.map(\.name)).first {
                    hint = "did you mean '--\(suggestion)'?"
                }
                throw CommandError("\(command) has no option --\(name)", hint: hint)
            }
            if spec.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if spec.valueOptional, index >= words.count || words[index].hasPrefix("--") {
                    flags.insert(name)
                    continue
                } else if index < words.count {
                    value = words[index]
                    index += 1
                } else {
                    throw CommandError("--\(name) needs a value", hint: "e.g. --\(name) \(spec.value ?? "VALUE")")
                }
                if !spec.repeatable, options[name] != nil {
                    throw CommandError("--\(name) is given twice")
                }
                options[name, default: []].append(value)
            } else {
                if inlineValue != nil { throw CommandError("--\(name) takes no value") }
                flags.insert(name)
            }
        }
        self.positionals = positionals
        self.options = options
        self.flags = flags
    }

    package func flag(_ name: String) -> Bool { flags.contains(name) }

    package func option(_ name: String) -> String? { options[name]?.last }

    package func options(_ name: String) -> [String] { options[name] ?? [] }

    package func has(_ name: String) -> Bool { options[name] != nil || flags.contains(name) }

    /// The positional at `index`, or nil.
    package func positional(_ index: Int) -> String? {
        positionals.indices.contains(index) ? positionals[index] : nil
    }

    /// The positional at `index`; missing is an error that names what was expected.
    package func required(_ index: Int, _ what: String) throws(CommandError) -> String {
        guard let value = positional(index) else {
            throw CommandError("\(command) needs \(what)", hint: "see 'help \(command)'")
        }
        return value
    }

    /// Fails when more positionals were given than the command uses.
    package func expectAtMost(_ count: Int) throws(CommandError) {
        if positionals.count > count {
            throw CommandError("unexpected '\(positionals[count])'", hint: "see 'help \(command)'")
        }
    }

    /// Parses an integer option or positional text.
    package static func integer(_ text: String, _ what: String, in range: ClosedRange<Int>? = nil) throws(CommandError) -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")) else {
            throw CommandError("\(what) must be a whole number, got '\(text)'")
        }
        if let range, !range.contains(value) {
            throw CommandError("\(what) must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }
}
