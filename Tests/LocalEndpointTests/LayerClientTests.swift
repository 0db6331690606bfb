import Foundation
import LambdaService
import LocalEndpoint
import MiniLambda
import TestSupport
import Testing

/// Layers through the stock boto3: botocore's shapes for every layer operation, a function's
/// `Layers` with AWS's checks, and the layers' files read-only at /opt where the handler
/// imports them (`/opt/python`, `/opt/python/lib/python3.12/site-packages`, `/opt/nodejs/node_modules`).
@Suite(.serialized)
struct LayerClientTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_layers_driver.py").path

    @Test("layer publish refuses a bad name before reading, and a folder with a FIFO without blocking on it")
    func publishRefusesBeforeReading() async throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("layer/python/greet.py", "WORD = 'hi'\n")
        let layer = folder.url.appendingPathComponent("layer")
        try await APIHarness.run { h in
            do throws(APIError) {
                _ = try await LayerPackage.publish(path: layer, name: "bad/name", service: h.service)
                Issue.record("a bad name was published")
            } catch {
                #expect(error.code == "InvalidParameterValueException" || error.code == "ValidationException", "\(error.code): \(error.message)")
            }
            #expect(mkfifo(layer.appendingPathComponent("python/pipe").path, 0o600) == 0)
            do throws(APIError) {
                _ = try await LayerPackage.publish(path: layer, name: "words", service: h.service)
                Issue.record("a folder with a FIFO was published")
            } catch {
                #expect(error.message.contains("python/pipe is not a file, folder or link"), "\(error.message)")
            }
            #expect(h.service.listLayers().isEmpty)
        }
    }

    @Test func layersThroughBoto3() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { h in
            guard let results = await AWSClientTests.drive(venv, Self.driver, h.endpoint) else { return }
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func code(_ key: String) -> String? { results[key]?["code"] as? String }
            func string(_ key: String, _ field: String) -> String? { results[key]?[field] as? String }
            func payload(_ key: String) -> [String: Any]? {
                (string(key, "Payload")).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            }
            let layerArn = "arn:aws:lambda:us-east-1:123456789012:layer:words"

            // PublishLayerVersion: 201, numbered, CodeSha256 over the zip bytes as AWS computes it.
            #expect(status("publish1") == 201 && results["publish1"]?["Version"] as? Int == 1, "\(results["publish1"] ?? [:])")
            #expect(string("publish1", "LayerArn") == layerArn && string("publish1", "LayerVersionArn") == layerArn + ":1")
            #expect(string("publish1", "LicenseInfo") == "MIT" && string("publish1", "Description") == "first")
            let content = results["publish1"]?["Content"] as? [String: Any]
            #expect(content?["CodeSha256"] as? String == string("v1_sha", "sha"))
            #expect(content?["CodeSize"] as? Int == "WORD = 'one'\n".utf8.count + "X = 1\n".utf8.count)
            #expect(status("publish2") == 201 && results["publish2"]?["Version"] as? Int == 2)
            #expect(status("publish_bad_name") == 400 && code("publish_bad_name") == "InvalidParameterValueException")
            #expect(status("publish_bad_runtime") == 400)

            // ListLayers (latest matching version), ListLayerVersions (newest first), Get, GetByArn.
            let layers = results["list"]?["Layers"] as? [[String: Any]] ?? []
            #expect(layers.compactMap { $0["LayerName"] as? String } == ["nodewords", "words"])
            #expect((layers.last?["LatestMatchingVersion"] as? [String: Any])?["Version"] as? Int == 2)
            #expect((results["list_node"]?["Layers"] as? [[String: Any]])?.compactMap { $0["LayerName"] as? String } == ["nodewords"])
            #expect((results["versions"]?["LayerVersions"] as? [[String: Any]])?.compactMap { $0["Version"] as? Int } == [2, 1])
            #expect(status("get1") == 200 && (results["get1"]?["CompatibleRuntimes"] as? [String]) == ["python3.12"])
            #expect(status("get_by_arn") == 200 && results["get_by_arn"]?["Version"] as? Int == 2)
            #expect(status("get_missing") == 404 && code("get_missing") == "ResourceNotFoundException")

            // A function with a layer: its files at /opt/python and site-packages, read-only.
            #expect(status("create") == 201)
            // CodeSha256 and CodeSize of a function are its zip's, as AWS computes them (also on the version published from it).
            #expect(string("create", "CodeSha256") == string("fn_sha", "sha") && results["create"]?["CodeSize"] as? Int == results["fn_sha"]?["size"] as? Int)
            #expect(string("pub_v1", "CodeSha256") == string("fn_sha", "sha"))
            #expect(payload("invoke1")?["word"] as? String == "one" && payload("invoke1")?["extra"] as? Int == 1, "\(results["invoke1"] ?? [:])")
            #expect(payload("invoke1")?["wrote"] as? String == "OSError", "/opt must be read-only: \(results["invoke1"] ?? [:])")
            let configured = results["config1"]?["Layers"] as? [[String: Any]]
            #expect(configured?.first?["Arn"] as? String == layerArn + ":1" && configured?.first?["CodeSize"] as? Int == 19)
            // Changing the layers retires the environment: the next invoke sees version 2.
            #expect(status("update") == 200 && (results["update"]?["Layers"] as? [Any])?.count == 2)
            #expect(payload("invoke2")?["word"] as? String == "two", "\(results["invoke2"] ?? [:])")
            let stored = try h.registry.configuration("uses").layerArns
            #expect(stored == [layerArn + ":2", "arn:aws:lambda:us-east-1:123456789012:layer:nodewords:1"])
            for key in ["too_many", "twice", "missing_layer", "create_missing_layer"] {
                #expect(status(key) == 400 && code(key) == "InvalidParameterValueException", "\(key): \(results[key] ?? [:])")
            }
            #expect(string("too_many", "message")?.contains("less than or equal to 5") == true)
            #expect(!h.registry.exists("never"))

            // Node.js finds a layer's modules in /opt/nodejs/node_modules.
            #expect(string("invoke_node", "Payload") == #"{"word":"node"}"#, "\(results["invoke_node"] ?? [:])")

            // DeleteLayerVersion: 204 (again too); gone from Get and List; numbers never reused.
            #expect(status("delete1") == 204 && status("delete_again") == 204 && status("get_deleted") == 404)
            #expect((results["versions_after"]?["LayerVersions"] as? [[String: Any]])?.compactMap { $0["Version"] as? Int } == [2])
            #expect(results["publish3"]?["Version"] as? Int == 3)

            // DeleteFunction with a Qualifier deletes one version; an alias's version stays.
            #expect(string("pub_v1", "Version") == "1" && string("pub_v2", "Version") == "2")
            #expect(status("delete_v1_aliased") == 409 && code("delete_v1_aliased") == "ResourceConflictException")
            #expect(string("delete_v1_aliased", "message")?.contains("[live]") == true)
            #expect(status("delete_v2") == 204 && status("get_v2") == 404 && status("delete_v2_again") == 404)
            #expect(status("delete_latest") == 400)
            #expect((results["versions_left"]?["Versions"] as? [[String: Any]])?.compactMap { $0["Version"] as? String } == ["$LATEST", "1"])
            #expect(status("invoke_latest_after") == 200 && results["invoke_latest_after"]?["FunctionError"] == nil)
        }
    }
}
