import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `lantern check --external`: asks each address on another site whether it still answers, a few
/// at a time, each with a time limit, and at most `limit` of them (CI has no network by default,
/// and a checker must not hammer the sites it links to).
public struct ExternalLinks: Sendable {
    public enum Outcome: Equatable, Sendable {
        case ok
        /// The server answered with an error status (404, 410, 500…).
        case status(Int)
        /// No answer: timeout, unknown host, refused connection, bad certificate.
        case unreachable(String)
    }

    /// Asks one address; HEAD first, then GET where a server refuses HEAD.
    public typealias Fetch = @Sendable (URL, TimeInterval) -> Outcome

    public var limit: Int
    public var timeout: TimeInterval
    public var concurrency: Int
    public var fetch: Fetch

    public init(limit: Int = 100, timeout: TimeInterval = 10, concurrency: Int = 6, fetch: @escaping Fetch = ExternalLinks.urlSessionFetch) {
        self.limit = limit
        self.timeout = timeout
        self.concurrency = concurrency
        self.fetch = fetch
    }

    /// Checks up to `limit` addresses (in sorted order, so runs are repeatable); returns the
    /// problems found and how many addresses were left unchecked.
    public func check(_ urls: [String]) -> (problems: [(url: String, outcome: Outcome)], skipped: Int) {
        let chosen = Array(urls.sorted().prefix(limit))
        let results = ResultSlots<Outcome>(count: chosen.count)
        let gate = DispatchSemaphore(value: max(1, concurrency))
        let group = DispatchGroup()
        for (i, address) in chosen.enumerated() {
            guard let url = URL(string: address) else { results.set(i, .unreachable("the address is not valid")); continue }
            gate.wait()
            group.enter()
            DispatchQueue.global().async {
                results.set(i, fetch(url, timeout))
                gate.signal()
                group.leave()
            }
        }
        group.wait()
        let problems = zip(chosen, results.values).compactMap { url, outcome -> (url: String, outcome: Outcome)? in
            guard let outcome, outcome != .ok else { return nil }
            return (url, outcome)
        }
        return (problems, max(0, urls.count - chosen.count))
    }

    public static let urlSessionFetch: Fetch = { url, timeout in
        let head = request(url, method: "HEAD", timeout: timeout)
        if case .status(let code) = head, [400, 403, 405, 501].contains(code) {
            return request(url, method: "GET", timeout: timeout)
        }
        return head
    }

    private static func request(_ url: URL, method: String, timeout: TimeInterval) -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Lantern link checker (lantern check --external)", forHTTPHeaderField: "User-Agent")
        let done = DispatchSemaphore(value: 0)
        let box = ResultSlots<Outcome>(count: 1)
        let task = URLSession.shared.dataTask(with: request) { _, response, error in
            if let error {
                box.set(0, .unreachable(error.localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                box.set(0, http.statusCode < 400 ? .ok : .status(http.statusCode))
            } else {
                box.set(0, .unreachable("no HTTP answer"))
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return .unreachable("no answer within \(Int(timeout)) s")
        }
        return box.values[0] ?? .unreachable("no answer")
    }
}
