import Foundation

/// A fresh folder, removed when the value is deinitialised. Tests use it as
/// `LAMBDA_TUTOR_HOME` and `HOME` so they never touch a real learner's data.
///
/// It lives under /var/tmp (when writable), not /tmp: execution environments whose folders are
/// under /tmp cannot have a private /tmp, and the tests should see environments as learners do.
package final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: `url` is immutable after init and deinit only removes the folder.
    package let url: URL

    package init(prefix: String = "lambda-tutor-test") throws {
        let base = access("/var/tmp", W_OK | X_OK) == 0 ? URL(fileURLWithPath: "/var/tmp", isDirectory: true) : FileManager.default.temporaryDirectory
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package var path: String { url.path }

    /// Writes a file relative to the folder, creating intermediate folders.
    @discardableResult
    package func write(_ relativePath: String, _ contents: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
