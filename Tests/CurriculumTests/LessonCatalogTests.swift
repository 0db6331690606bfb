import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Curriculum

@Suite("Lesson catalog")
struct LessonCatalogTests {
    static func lesson(_ id: String, prerequisites: [String] = [], related: [String] = [], title: String? = nil, body: String = "## Step\nText.") -> String {
        "---\nid: \(id)\ntitle: \(title ?? id.capitalized)\nsummary: About \(id).\nprerequisites: [\(prerequisites.joined(separator: ", "))]\nrelated: [\(related.joined(separator: ", "))]\n---\n\(body)\n"
    }

    @Test("Files load in path order; README.md is skipped; a broken file only costs itself")
    func loading() throws {
        let dir = try TemporaryDirectory()
        try dir.write("Lessons/02-b.md", Self.lesson("b"))
        try dir.write("Lessons/01-a.md", Self.lesson("a"))
        try dir.write("Lessons/README.md", "# not a lesson")
        try dir.write("Lessons/03-broken.md", "no front matter")
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("Lessons"), origin: .bundled)], relativeTo: dir.url)
        #expect(catalog.ids == ["a", "b"])
        #expect(catalog.skipped.map(\.file) == ["Lessons/03-broken.md"])
        #expect(catalog.diagnostics.errors.first?.file == "Lessons/03-broken.md")
    }

    @Test("A duplicate id is an error at the second file's id line, naming the first")
    func duplicates() throws {
        let dir = try TemporaryDirectory()
        try dir.write("one/a.md", Self.lesson("same"))
        try dir.write("two/a.md", Self.lesson("same"))
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("one"), origin: .bundled),
                                                   ContentFolder(url: dir.url.appendingPathComponent("two"), origin: .trainer(folder: "two"))],
                                         relativeTo: dir.url)
        #expect(catalog.ids == ["same"])
        let error = try #require(catalog.diagnostics.errors.first)
        #expect(error.description == "two/a.md:2:1: error: lesson id 'same' is already used by the bundled lesson at one/a.md:2; the tutor loads that one and skips this file (give this lesson an id of its own)")
    }

    @Test("Unknown prerequisites are errors with a suggestion; unknown related lessons are warnings")
    func references() throws {
        let dir = try TemporaryDirectory()
        try dir.write("L/a.md", Self.lesson("alpha"))
        try dir.write("L/b.md", Self.lesson("beta", prerequisites: ["alpah"], related: ["gamma"]))
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("L"), origin: .bundled)], relativeTo: dir.url)
        #expect(catalog.diagnostics.errors.map(\.description) == ["L/b.md:5:17: error: prerequisite 'alpah' is not a known lesson id; did you mean 'alpha'?"])
        #expect(catalog.diagnostics.warnings.count == 1)
        #expect(catalog.ids == ["alpha", "beta"], "reference problems do not unload lessons")
    }

    @Test("A prerequisite cycle is reported once, with its path")
    func cycles() throws {
        let dir = try TemporaryDirectory()
        try dir.write("L/a.md", Self.lesson("a", prerequisites: ["c"]))
        try dir.write("L/b.md", Self.lesson("b", prerequisites: ["a"]))
        try dir.write("L/c.md", Self.lesson("c", prerequisites: ["b"]))
        try dir.write("L/d.md", Self.lesson("d", prerequisites: ["d"]))
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("L"), origin: .bundled)], relativeTo: dir.url)
        let cycles = catalog.diagnostics.errors.filter { $0.message.contains("cycle") || $0.message.contains("itself") }
        #expect(cycles.count == 2, "\(cycles)")
        #expect(cycles.contains { $0.message.contains("a → c → b → a") && $0.line == 5 }, "at the prerequisites line: \(cycles)")
        #expect(cycles.contains { $0.description == "L/d.md:5:17: error: lesson 'd' lists itself as a prerequisite" }, "\(cycles)")
    }

    @Test("A missing content folder is reported and the others still load")
    func missingFolder() throws {
        let dir = try TemporaryDirectory()
        try dir.write("L/a.md", Self.lesson("a"))
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("nope"), origin: .trainer(folder: "nope")),
                                                   ContentFolder(url: dir.url.appendingPathComponent("L"), origin: .bundled)], relativeTo: dir.url)
        #expect(catalog.ids == ["a"])
        #expect(catalog.diagnostics.errors.first?.message.contains("does not exist") == true)
    }
}

@Suite("Lesson search")
struct LessonSearchTests {
    @Test("Hits rank titles over body text and show the matching prose line")
    func ranking() throws {
        let dir = try TemporaryDirectory()
        try dir.write("L/a.md", LessonCatalogTests.lesson("a", title: "Cold starts", body: "## Why cold starts happen\nA cold start runs INIT.\n\n```try\ncalc cold\n```"))
        try dir.write("L/b.md", LessonCatalogTests.lesson("b", body: "## Other\nSometimes a start is cold, or warm."))
        let catalog = LessonCatalog.load(folders: [ContentFolder(url: dir.url.appendingPathComponent("L"), origin: .bundled)])
        let hits = LessonSearch(catalog: catalog).search("cold start")
        #expect(hits.first?.lessonID == "a")
        #expect(hits.first?.step == 1)
        #expect(hits.first?.excerpt == "A cold start runs INIT.")
        #expect(hits.contains { $0.lessonID == "b" })
        #expect(LessonSearch(catalog: catalog).search("nonexistentword").isEmpty)
    }
}

@Suite("Search over checkpoints")
struct CheckpointSearchTests {
    @Test("A checkpoint's question and answers are searched as prose, without YAML keys")
    func checkText() {
        let yaml = """
        type: single
        shuffle: false
        stem: Where is the payload of an EventBridge event?
        choices:
          - {text: "In `body`", feedback: That is API Gateway.}
          - text: In `detail`
            correct: true
        explanation: EventBridge puts it in `detail`.
        """
        let lines = LessonSearch.checkText(yaml)
        #expect(lines == ["Where is the payload of an EventBridge event?", "In body", "That is API Gateway.", "In detail",
                          "EventBridge puts it in detail."])
        #expect(!lines.contains { $0.contains("feedback:") || $0.contains("type:") || $0.contains("correct") })
    }
}
