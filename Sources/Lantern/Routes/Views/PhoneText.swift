import Foundation
import Templates

/// A piece of a contact text: plain words, or a phone number with its `tel:` link target
/// (`{{#parts}}{{#tel}}<a href="tel:{{tel}}">{{text}}</a>{{/tel}}{{^tel}}{{text}}{{/tel}}{{/parts}}`).
struct TextPart: ViewValue, Equatable {
    /// The text as the author wrote it (a number keeps its spaces and dots).
    var text: String
    /// Digits only (with a leading `+` for `+84`), when `text` is a phone number.
    var tel: String?

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "text": return text
        case "tel": return field(tel)
        default: return nil
        }
    }
}

/// Finds Vietnamese phone numbers in free text so residents can tap to call. Only what is clearly a
/// number becomes a link:
/// - a number starting with 0 of 10 or 11 digits (mobile `0912 345 678`, landline `0229.3871.234`),
///   or `+84` followed by 9 or 10 digits; digit groups may be separated by one space or dot;
/// - a hotline `1800 …`/`1900 …` of 8 or 10 digits;
/// - an emergency number 111–115 written alone, either the whole text or after a word such as
///   "gọi", "điện thoại", "số", "hotline", "phone", "call" (so "113 người" stays text).
/// A number touching letters, `/`, `:`, `-` or `%`, or followed by `,5`/`.5`, is left alone
/// (dates, times, amounts).
enum PhoneText {
    static func parts(_ text: String) -> [TextPart] {
        let chars = Array(text)
        var parts: [TextPart] = []
        var plain = ""
        var i = 0
        while i < chars.count {
            if isDigit(chars[i]) || (chars[i] == "+" && i + 1 < chars.count && isDigit(chars[i + 1])),
               i == 0 || !isDigit(chars[i - 1]),
               let (end, tel) = number(chars, from: i, before: plain) {
                if !plain.isEmpty { parts.append(TextPart(text: plain)); plain = "" }
                parts.append(TextPart(text: String(chars[i..<end]), tel: tel))
                i = end
            } else {
                plain.append(chars[i])
                i += 1
            }
        }
        if !plain.isEmpty { parts.append(TextPart(text: plain)) }
        return parts
    }

    /// The number that starts at `start`, if it is one: where it ends and its `tel:` digits.
    private static func number(_ c: [Character], from start: Int, before: String) -> (Int, String)? {
        if start > 0, blocks(c[start - 1]) || c[start - 1] == "." || c[start - 1] == "," { return nil }
        var i = start
        var plus = false
        if c[i] == "+" { plus = true; i += 1 }
        var digits = ""
        var separators = 0
        // Digit groups joined by a single space or dot.
        while i < c.count {
            if isDigit(c[i]) { digits.append(c[i]); i += 1; continue }
            if (c[i] == " " || c[i] == "."), i + 1 < c.count, isDigit(c[i + 1]), !digits.isEmpty {
                separators += 1; i += 1; continue
            }
            break
        }
        if i < c.count {
            if blocks(c[i]) { return nil }
            if (c[i] == "," || c[i] == "."), i + 1 < c.count, isDigit(c[i + 1]) { return nil }
        }
        let n = digits.count
        if plus {
            guard digits.hasPrefix("84"), (11...12).contains(n) else { return nil }
            return (i, "+" + digits)
        }
        if digits.hasPrefix("0"), (10...11).contains(n) { return (i, digits) }
        if digits.hasPrefix("1800") || digits.hasPrefix("1900"), n == 8 || n == 10 { return (i, digits) }
        if n == 3, separators == 0, ["111", "112", "113", "114", "115"].contains(digits) {
            let rest = String(c[i...]).trimmingCharacters(in: .whitespaces)
            let wholeText = before.trimmingCharacters(in: .whitespaces).isEmpty && (rest.isEmpty || rest.first.map { ".;)".contains($0) } == true)
            if wholeText || announcesNumber(before) { return (i, digits) }
        }
        return nil
    }

    /// Whether the text before a short number ends with a word that introduces a phone number.
    private static func announcesNumber(_ before: String) -> Bool {
        let tail = before.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        return ["gọi", "điện thoại", "đt", "sđt", "số", "hotline", "tổng đài", "phone", "call", "tel", "tel.", "dial"]
            .contains { word in
                // A whole word: "số" ends the text, not a longer word that happens to end with it.
                tail.hasSuffix(word) && !(tail.dropLast(word.count).last?.isLetter ?? false)
            }
    }

    private static func isDigit(_ ch: Character) -> Bool { ch.isASCII && ch.isNumber }

    /// Characters that, touching a run of digits, make it a date, time, code or amount.
    private static func blocks(_ ch: Character) -> Bool {
        ch.isLetter || isDigit(ch) || "/:-%_@#&=".contains(ch)
    }
}
