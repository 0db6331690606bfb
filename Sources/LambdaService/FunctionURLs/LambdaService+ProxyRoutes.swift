import Foundation
import MiniLambda

/// The tutor's REST-style API: routes (method + resource) that invoke a function with the
/// API Gateway REST API proxy event (payload 1.0). One API per data folder; each route is kept
/// with the function it invokes. LocalEndpoint's `FunctionURLServer` serves them.
extension LambdaService {
    /// Adds `method resource → reference` (an alias or `$LATEST`). A route already taken by
    /// any function is a conflict, as API Gateway refuses a second method on a resource.
    @discardableResult
    package func addProxyRoute(method: String, resource: String, to reference: FunctionReference) throws(LambdaServiceError) -> ProxyRoute {
        let method = method.uppercased()
        try ProxyRoute.validate(method: method, resource: resource)
        let qualifier = try urlQualifier(reference)
        let route = ProxyRoute(method: method, resource: resource, qualifier: qualifier)
        if let taken = listProxyRoutes().first(where: { $0.route.method == method && $0.route.resource == resource }) {
            throw .conflict("Method already exists for this resource: \(method) \(resource) invokes \(taken.function)\(taken.route.qualifier.map { ":\($0)" } ?? "") ('route rm \(method) \(resource)' first)")
        }
        try updateState(reference.name) { state throws(LambdaServiceError) in
            state.proxyRoutes = (state.proxyRoutes ?? []) + [route]
        }
        return route
    }

    /// Removes the route `method resource`, whichever function it invokes; false if none.
    @discardableResult
    package func removeProxyRoute(method: String, resource: String) throws(LambdaServiceError) -> Bool {
        let method = method.uppercased()
        guard let found = listProxyRoutes().first(where: { $0.route.method == method && $0.route.resource == resource }) else { return false }
        try updateState(found.function) { state throws(LambdaServiceError) in
            state.proxyRoutes?.removeAll { $0.method == method && $0.resource == resource }
            if state.proxyRoutes?.isEmpty == true { state.proxyRoutes = nil }
        }
        return true
    }

    /// Every route of the data folder, by resource then method.
    package func listProxyRoutes() -> [ProxyRouteMatch] {
        functions.names().flatMap { name in
            ((try? functions.state(name))?.proxyRoutes ?? []).map { ProxyRouteMatch(function: name, route: $0, pathParameters: [:]) }
        }.sorted { ($0.route.resource, $0.route.method) < ($1.route.resource, $1.route.method) }
    }

    /// The most specific route for `method` and `path` (percent-decoded segments), as API
    /// Gateway picks it; nil when none matches.
    package func matchProxyRoute(method: String, path: [String]) -> ProxyRouteMatch? {
        var best: (match: ProxyRouteMatch, score: Int)?
        for entry in listProxyRoutes() {
            guard let (parameters, score) = entry.route.match(method: method, path: path) else { continue }
            if best == nil || score > best!.score {
                best = (ProxyRouteMatch(function: entry.function, route: entry.route, pathParameters: parameters), score)
            }
        }
        return best?.match
    }
}
