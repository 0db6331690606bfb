import Foundation
import LambdaModel
import LambdaService
import LocalEndpoint
import TerminalUI
import TutorSupport
import LineEditor
import MiniLambda

/// `layer publish|list|show|rm`: the account's layers, the same ones PublishLayerVersion and
/// ListLayers show through the API; `fn config NAME layers=…` attaches them.
extension Command {
    static var layerCommands: [Command] { [layer] }

    static let layer = Command(
        "layer", aliases: ["layers"], group: .runtime,
        summary: "Publish layers (shared code and libraries at /opt) and list them",
        usage: ["layer publish NAME DIR|ZIP [--description TEXT]", "layer publish NAME --from-function FN", "layer list", "layer show NAME[:N]", "layer rm NAME:N"],
        discussion: """
        A layer is a .zip of files a function's environments show read-only at /opt, so several functions share \
        libraries without packaging them each time. Put Python modules under `python/` (or \
        `python/lib/python3.12/site-packages/`), Node.js modules under `nodejs/node_modules/`, programs under `bin/` \
        and libraries under `lib/`: Lambda puts those folders on the paths. `layer publish NAME DIR|ZIP` publishes the \
        next version (1, 2, …; versions never change and numbers are never reused); `fn config FN layers=NAME:1,OTHER:2` \
        attaches up to \(Limits.layersPerFunction) in order (a later layer's file wins at the same path), within \
        \(Facts.unzippedMax.display) unzipped together with the code. `layer rm NAME:N` deletes a version: functions \
        that use it keep it, but it can no longer be added. `--from-function FN` publishes a function's code folder as it is (write `python/greet.py` \
        in it with a handler such as `python/greet.handler`). A folder published here is hashed over its files, a zip \
        over its bytes (as AWS computes CodeSha256).
        """,
        examples: ["layer publish words ./words-layer", "layer publish deps deps.zip --description \"requests 2.32\"", "layer list",
                   "fn config hello layers=words:1", "layer show words", "layer rm words:1"],
        options: [OptionSpec("description", value: "TEXT", help: "layer publish: the version's description"),
                  OptionSpec("from-function", value: "FN", help: "layer publish: publish this function's code folder")],
        complete: { request, _ in request.precedingWords.count == 1 ? ["publish", "list", "show", "rm"] : [] },
        run: { context in
            let service = RuntimeService.of(context.session)
            let style = context.console.style
            switch context.arguments.positional(0) {
            case "publish":
                try context.arguments.expectAtMost(3)
                let name = try context.arguments.required(1, "the layer's name")
                let url: URL
                if let function = context.arguments.option("from-function") {
                    guard context.arguments.positional(2) == nil else { throw CommandError("give a folder, a .zip or --from-function, not two of them") }
                    guard service.registry.exists(function) else { throw CommandError("no function \(function)", hint: "'fn list' shows them") }
                    url = try service.registry.codeDirectory(function)
                } else {
                    let path = try context.arguments.required(2, "a folder or a .zip file (or --from-function FN)")
                    url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                }
                let description = context.arguments.option("description") ?? ""
                let version: LayerVersion
                do throws(APIError) {
                    version = try await LayerPackage.publish(path: url.standardizedFileURL, name: name, service: service.lambda,
                                                             description: description)
                } catch {
                    throw CommandError("\(error.code): \(error.message)")
                }
                context.console.say(style.success("✓") + " Published \(version.layerVersionArn) (\(version.codeSize) bytes unzipped). Attach it with 'fn config FUNCTION layers=\(name):\(version.version)'.", hanging: 2)
            case "list", nil:
                try context.arguments.expectAtMost(1)
                let layers = service.lambda.listLayers()
                guard !layers.isEmpty else {
                    context.console.say("No layers yet. 'layer publish NAME DIR|ZIP' publishes one.")
                    return
                }
                var table = TextTable(columns: [.init("layer"), .init("latest"), .init("size"), .init("used by"), .init("description")])
                for layer in layers {
                    table.add([style.bold(layer.name), String(layer.latest.version), "\(layer.latest.codeSize) B",
                               users(of: layer.name, service).joined(separator: ", "), layer.latest.description])
                }
                context.console.line(table.render(width: context.console.width, style: style))
            case "show":
                try context.arguments.expectAtMost(2)
                let raw = try context.arguments.required(1, "a layer, or NAME:N")
                let colon = raw.lastIndex(of: ":")
                let number = colon.flatMap { Int(raw[raw.index(after: $0)...]) }
                let name = try LayerStore.name(from: number == nil ? raw : String(raw[..<colon!]))
                let versions = service.lambda.listLayerVersions(name).filter { number == nil || $0.version == number }
                guard !versions.isEmpty else { throw CommandError("no layer \(raw)", hint: "'layer list' shows them") }
                for version in versions {
                    context.console.line(style.bold(version.layerVersionArn))
                    context.console.line("  created \(version.createdDate), \(version.codeSize) bytes unzipped, CodeSha256 \(version.codeSha256)")
                    if !version.description.isEmpty { context.console.line("  " + version.description) }
                    if !version.compatibleRuntimes.isEmpty { context.console.line("  runtimes: " + version.compatibleRuntimes.joined(separator: ", ")) }
                    if let folder = try? service.lambda.layers.contentFolder(name, version.version) {
                        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects.compactMap { $0 as? String }.sorted() ?? []
                        for file in files.prefix(20) { context.console.line(style.muted("  /opt/" + file)) }
                        if files.count > 20 { context.console.line(style.muted("  … \(files.count - 20) more")) }
                    }
                }
            case "rm":
                try context.arguments.expectAtMost(2)
                let raw = try context.arguments.required(1, "NAME:N, the version to delete")
                guard let colon = raw.lastIndex(of: ":"), Int(raw[raw.index(after: colon)...]) != nil else {
                    throw CommandError("'layer rm' deletes one version: give NAME:N, not '\(raw)'", hint: "'layer show \(raw)' lists its versions")
                }
                let (name, number) = try LayerStore.reference(raw)
                _ = try service.lambda.getLayerVersion(name, number)
                let users = try service.lambda.deleteLayerVersion(name, number)
                context.console.say(style.success("✓") + " Deleted \(LayerStore.layerArn(name)):\(number)" + (users.isEmpty
                    ? "; its files are removed from the data folder."
                    : ". \(users.joined(separator: ", ")) \(users.count == 1 ? "keeps" : "keep") using it, as on AWS, so its files stay until no function version does; it can no longer be added."), hanging: 2)
            case let other?:
                throw CommandError("layer has no subcommand '\(other)'", hint: Suggestions.didYouMean(other, in: ["publish", "list", "show", "rm"]) ?? "see 'help layer'")
            }
        })

    /// The functions whose `$LATEST` uses the layer (any version, or `version`).
    static func users(of layer: String, _ service: RuntimeService, version: Int? = nil) -> [String] {
        let arn = LayerStore.layerArn(layer)
        return service.registry.list().functions.filter { configuration in
            configuration.layerArns.contains { version == nil ? $0.hasPrefix(arn + ":") : $0 == "\(arn):\(version!)" }
        }.map(\.functionName)
    }
}
