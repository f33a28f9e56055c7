import Foundation
import CCurlShim

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

    public init(limit: Int = 100, timeout: TimeInterval = 10, concurrency: Int = 6, fetch: @escaping Fetch = ExternalLinks.httpFetch) {
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

    /// Why addresses cannot be asked on this machine (libcurl missing), or nil when they can.
    /// libcurl is loaded here, on first use, not linked: see lantern_curl.c.
    public static func unavailable() -> String? {
        lantern_curl_load() == 0 ? nil : "libcurl (libcurl.so.4) could not be loaded"
    }

    /// Asks with libcurl: HEAD, then GET when the server refuses HEAD; redirects are followed.
    public static let httpFetch: Fetch = { url, timeout in
        let head = request(url, head: true, timeout: timeout)
        if case .status(let code) = head, [400, 403, 405, 501].contains(code) {
            return request(url, head: false, timeout: timeout)
        }
        return head
    }

    private static func request(_ url: URL, head: Bool, timeout: TimeInterval) -> Outcome {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return .unreachable("only http and https addresses are checked")
        }
        var status = 0
        var message = [CChar](repeating: 0, count: 512)
        let answer = lantern_curl_request(url.absoluteString, head ? 1 : 0, Int(max(1, timeout * 1000)),
                                          "Lantern link checker (lantern check --external)", &status, &message, message.count)
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch Int(answer) {
        case Int(LANTERN_CURL_ANSWERED): return status < 400 ? .ok : .status(status)
        case Int(LANTERN_CURL_TIMED_OUT): return .unreachable("no answer within \(Int(timeout)) s")
        default: return .unreachable(reason.isEmpty ? "no answer" : reason)
        }
    }
}
