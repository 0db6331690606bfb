import Foundation

/// Compares output with a checked-in golden file. Set `UPDATE_GOLDEN=1` to rewrite the files
/// after an intended change, then review the diff like any other change.
package enum GoldenFile {
    package struct Mismatch: Error, CustomStringConvertible {
        package let description: String
    }

    /// - Parameters:
    ///   - name: file name under `folder`.
    ///   - folder: the test target's golden folder (pass `#filePath`-relative URL).
    package static func check(_ actual: String, name: String, folder: URL) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            throw Mismatch(description: "golden file \(url.path) is missing; run with UPDATE_GOLDEN=1 to create it")
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var report = "output differs from \(url.lastPathComponent):\n"
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? expectedLines[index] : "<none>"
            let a = index < actualLines.count ? actualLines[index] : "<none>"
            if e != a {
                report += "  line \(index + 1):\n    expected: \(e.debugDescription)\n    actual:   \(a.debugDescription)\n"
            }
        }
        throw Mismatch(description: report)
    }
}
