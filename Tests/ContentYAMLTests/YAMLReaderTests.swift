import ContentYAML
import Testing
import TutorSupport

/// Typed reads: each problem is one diagnostic at the node, worded the same for every format.
@Suite("YAML reader")
struct YAMLReaderTests {
    /// Composes `yaml`, hands the reader and the root mapping's values to `body`, returns what it reported.
    static func read(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: (inout YAMLReader, YAMLNode.Mapping) -> Void) -> [String] {
        var reader = YAMLReader(file: "f.yaml")
        do throws(YAMLSyntaxError) {
            guard case .mapping(let mapping)? = try reader.compose(yaml) else {
                Issue.record("expected a mapping", sourceLocation: sourceLocation)
                return []
            }
            body(&reader, mapping)
        } catch {
            Issue.record("\(error.message)", sourceLocation: sourceLocation)
        }
        return reader.diagnostics.map(\.description)
    }

    @Test("Text, non-empty text and YAML's null")
    func text() {
        var values: [String?] = []
        let messages = Self.read("a: hello\nb: [x]\nc: ''\nd: ~\ne: 'null'\nf: |\n  block\n") { reader, m in
            values = [reader.text(m["a"]!, "a"), reader.text(m["b"]!, "b"), reader.text(m["c"]!, "c"),
                      reader.text(m["d"]!, "d"), reader.text(m["e"]!, "e"), reader.text(m["f"]!, "f")]
        }
        #expect(values == ["hello", nil, nil, nil, "null", "block"])
        #expect(messages == [
            "f.yaml:2:4: error: b must be text, not a list",
            "f.yaml:3:4: error: c is empty",
            "f.yaml:4:4: error: d is empty (YAML reads `~` as nothing; quote it to mean the word)",
        ])
    }

    @Test("Lists of text: one value or a list, and a list only")
    func lists() {
        var strings: [[String]?] = []
        var texts: [[String]?] = []
        let messages = Self.read("one: a\nmany: [a, b]\nnone:\nbad: {x: 1}\nholes: [a, '', b]\n") { reader, m in
            strings = [reader.strings(m["one"]!, "one"), reader.strings(m["many"]!, "many"), reader.strings(m["none"]!, "none")]
            texts = [reader.texts(m["one"]!, "one"), reader.texts(m["many"]!, "many"), reader.texts(m["none"]!, "none"),
                     reader.texts(m["bad"]!, "bad"), reader.texts(m["holes"]!, "holes")]
        }
        #expect(strings == [["a"], ["a", "b"], []])
        #expect(texts == [nil, ["a", "b"], [], nil, ["a", "b"]])
        #expect(messages == [
            "f.yaml:1:6: error: one must be a list (`[a, b]` or one `- item` per line), not a single value",
            "f.yaml:4:6: error: bad must be a list (`[a, b]` or one `- item` per line), not a mapping",
            "f.yaml:5:12: error: each of holes is empty",
        ])
    }

    @Test("Numbers, whole numbers in a range, and booleans")
    func numbers() {
        var numbers: [Double?] = []
        var integers: [Int?] = []
        var bools: [Bool?] = []
        let messages = Self.read("n: 1_000\nm: 1,000\nk: 42\nbig: 900\nyes: on\nmaybe: perhaps\n") { reader, m in
            numbers = [reader.number(m["n"]!, "n"), reader.number(m["m"]!, "m")]
            integers = [reader.integer(m["k"]!, "k", in: 1...600), reader.integer(m["big"]!, "big", in: 1...600)]
            bools = [reader.bool(m["yes"]!, "yes"), reader.bool(m["maybe"]!, "maybe")]
        }
        #expect(numbers == [1_000, nil])
        #expect(integers == [42, nil])
        #expect(bools == [true, nil])
        #expect(messages == [
            "f.yaml:2:4: error: m must be a number, not '1,000'",
            "f.yaml:4:6: error: big must be a whole number from 1 to 600",
            "f.yaml:6:8: error: maybe must be true or false",
        ])
    }

    @Test("Unknown keys are warnings with a suggestion; keys must be words")
    func entries() {
        var keys: [String] = []
        let messages = Self.read("title: t\ntitel: u\n? [a]\n: v\n1: one\n'1': again\n") { reader, m in
            keys = reader.entries(.mapping(m), "the front matter", allowed: ["title", "summary", "1"])?.map(\.key) ?? []
        }
        #expect(keys == ["title", "1"])
        #expect(messages == [
            "f.yaml:2:1: warning: unknown key 'titel' in the front matter is ignored; did you mean 'title'?",
            "f.yaml:3:3: error: keys in the front matter must be plain words",
            "f.yaml:6:1: error: '1' appears twice in the front matter",
        ])
    }

    @Test("Scalars keep their style; mappings and lists their order")
    func nodes() throws {
        let node = try #require(try YAMLReader(file: "f.yaml").compose("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: [1, 2]\n"))
        guard case .mapping(let mapping) = node else {
            Issue.record("expected a mapping")
            return
        }
        #expect(mapping.map { $0.key.string } == ["a", "b", "c", "d", "e"])
        let styles = mapping.compactMap { entry -> YAMLNode.Scalar.Style? in
            if case .scalar(let scalar) = entry.value { return scalar.style }
            return nil
        }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal])
        guard case .list(let list)? = mapping["e"] else {
            Issue.record("expected a list under e")
            return
        }
        #expect(list.map(\.string) == ["1", "2"])
        #expect(mapping["missing"] == nil)
    }
}
