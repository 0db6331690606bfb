import ContentYAML
import Testing
import TutorSupport

/// YAML that does not parse is reported once, on the line of the mistake, with one wording
/// for every content format.
@Suite("YAML syntax errors")
struct YAMLSyntaxErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        /// `line:col` of the mistake in the snippet.
        let at: String
        let says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // libyaml notices the missing colon on the next line; the mistake is the key's line.
        Case(name: "a key without its colon", yaml: "id: a\nstem what\ntype: single\n", at: "2:1", says: "could not find expected ':'"),
        Case(name: "an unclosed quote", yaml: "a: \"hello\nb: 2\nc: 3\n", at: "1:4", says: "found unexpected end of stream (while scanning a quoted scalar)"),
        Case(name: "an unclosed bracket", yaml: "a: [1, 2\nb: 3\n", at: "1:4", says: "did not find expected ',' or ']' (while parsing a flow sequence)"),
        Case(name: "a line indented too little", yaml: "a:\n  b: 1\n c: 2\n", at: "3:2", says: "did not find expected key (while parsing a block mapping)"),
        Case(name: "a list item out of line", yaml: "questions:\n  - id: a\n    stem: s\n   - id: b\n", at: "4:4", says: "did not find expected '-' indicator"),
        Case(name: "a colon inside a plain value", yaml: "a: b: c\n", at: "1:5", says: "mapping values are not allowed in this context"),
        Case(name: "an undefined alias", yaml: "a: *x\n", at: "1:4", says: "found undefined alias"),
        Case(name: "a tab used for indentation", yaml: "a:\n\tb: 1\n", at: "2:1", says: "found character that cannot start any token"),
    ]

    @Test("The error is on the line of the mistake", arguments: cases)
    func placed(_ example: Case) throws {
        let error = try #require(Self.syntaxError(example.yaml))
        #expect("\(error.location.line):\(error.location.column)" == example.at)
        #expect(error.message.hasPrefix("invalid YAML: "))
        #expect(error.message.contains(example.says), "\(error.message)")
    }

    @Test("A key written twice is reported at the second one, naming the first")
    func duplicateKey() throws {
        let error = try #require(Self.syntaxError("- id: x\n  stem: s\n  type: single\n  stem: t\n- id: y\n"))
        #expect(error.location == SourcePosition(line: 4, column: 3))
        #expect(error.message == "invalid YAML: 'stem' appears twice in one mapping (first on line 2); YAML would keep only one")
    }

    @Test("A key written twice in a flow mapping is reported at the first")
    func duplicateKeyInFlow() throws {
        let error = try #require(Self.syntaxError("a: {b: 1, b: 2}\n"))
        #expect(error.location.line == 1)
        #expect(error.message.contains("'b' appears twice"))
    }

    @Test("A snippet's errors and nodes are placed in the file it came from")
    func offsets() throws {
        var reader = YAMLReader(file: "Lessons/l.md", lineOffset: 39, columnOffset: 2)
        do throws(YAMLSyntaxError) {
            _ = try reader.compose("id: a\nstem what\n")
            Issue.record("the snippet should not parse")
        } catch {
            reader.report(error)
        }
        #expect(reader.diagnostics.map(\.description) == ["Lessons/l.md:41:3: error: invalid YAML: could not find expected ':' (while scanning a simple key)"])
        let node = try #require(try reader.compose("a: 1\nb:\n  - x\n"))
        guard case .mapping(let mapping) = node, case .list(let list)? = mapping["b"] else {
            Issue.record("expected a mapping with a list under b")
            return
        }
        #expect(mapping.location == SourcePosition(line: 40, column: 3))
        #expect(list.first?.location == SourcePosition(line: 42, column: 7))
    }

    @Test("Text that is not allowed in YAML is placed by its offset")
    func readerError() throws {
        let error = try #require(Self.syntaxError("a: 1\nb: x\u{1}y\n"))
        #expect(error.location.line == 2)
        #expect(error.message.contains("control characters are not allowed"), "\(error.message)")
    }

    static func syntaxError(_ yaml: String) -> YAMLSyntaxError? {
        do throws(YAMLSyntaxError) {
            _ = try YAMLReader(file: "f.yaml").compose(yaml)
            return nil
        } catch {
            return error
        }
    }
}
