import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import TutorApp

/// `check` against a corpus of broken files, one mistake each (`CheckCorpus/`, listed with the
/// line and wording expected in `CheckCorpus/EXPECT.tsv`). Each file is checked on its own, as
/// a trainer runs `lambda-tutor check FILE`, against the bundled content the tutor loads with it.
@Suite("check: the broken-file corpus")
struct CheckCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CheckCorpus")

    struct Expectation: CustomStringConvertible {
        let file: String
        /// The error's line (0: about the whole file); nil when the file must check clean.
        let line: Int?
        let fragment: String
        var description: String { file }
    }

    static var expectations: [Expectation] {
        let text = (try? String(contentsOf: corpus.appendingPathComponent("EXPECT.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            let line = fields[1] == "clean" ? nil : fields[1] == "file" ? 0 : Int(fields[1]) ?? -1
            return Expectation(file: fields[0], line: line, fragment: fields[2])
        }
    }

    static var bundled: ContentSources {
        ContentSources.locate(extraFolders: [], environment: ["LAMBDA_TUTOR_BUNDLE": SourceTree.root.path])
    }

    @Test("Every file of the corpus is listed in EXPECT.tsv, and the list is not empty")
    func corpusIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        let listed = Set(Self.expectations.map(\.file))
        #expect(listed.count >= 15)
        #expect(Set(files) == listed, "unlisted: \(Set(files).subtracting(listed)), missing: \(listed.subtracting(files))")
    }

    @Test("Each broken file gets exactly one error, on the line of its mistake, with a clear message", arguments: expectations)
    func oneMistakeEach(_ expectation: Expectation) {
        let report = ContentCheck.run(paths: [Self.corpus.appendingPathComponent(expectation.file).path], sources: Self.bundled, base: Self.corpus)
        let errors = report.diagnostics.errors
        guard let line = expectation.line else {
            #expect(errors.isEmpty, "\(errors)")
            return
        }
        #expect(errors.count == 1, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        guard let error = errors.first else { return }
        #expect(error.file.hasSuffix(expectation.file), "\(error)")
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(expectation.fragment), "\(error)")
        #expect(!error.description.contains("warning:"), "an error never reads 'error: … warning:': \(error)")
        if line > 0 { #expect(report.files >= 1) }
    }
}
