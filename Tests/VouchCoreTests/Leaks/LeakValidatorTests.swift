import Foundation
import Testing
@testable import VouchCore
import VouchDefaultPack

@Suite struct LeakValidatorTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func entropyOfKnownStrings() {
        #expect(LeakValidator.entropy(bytes("")) == 0)
        #expect(LeakValidator.entropy(bytes("aaaaaaaa")) == 0)
        #expect(LeakValidator.entropy(bytes("abababab")) == 1)
        #expect(LeakValidator.entropy(bytes("0123456789abcdef")) == 4)
        #expect(abs(LeakValidator.entropy(bytes("deadbeefdeadbeef")) - 2.1556) < 0.001)
    }

    @Test func luhnAcceptsValidNumbersWithSeparators() {
        #expect(LeakValidator.luhn(bytes("4539 1488 0343 6467")))
        #expect(LeakValidator.luhn(bytes("5425-2334-3010-9903")))
        #expect(LeakValidator.luhn(bytes("371449635398431")))
        #expect(!LeakValidator.luhn(bytes("4539 1488 0343 6468")))    // the check digit is off by one
        #expect(!LeakValidator.luhn(bytes("4539/1488/0343/6467")))    // not a separator
        #expect(!LeakValidator.luhn(bytes("000000000000")))           // too short for a card
        #expect(!LeakValidator.luhn(bytes("79927398713")))            // valid Luhn, 11 digits
    }

    @Test func precededByWholeWordsWithinTheWindow() {
        func before(_ marked: String, _ words: [String], within: Int = 32) -> Bool {
            let m = Marked(marked)
            return LeakValidator.precededBy(words: words, within: within).accepts(Array(m.text.utf8), m.range)
        }
        #expect(before("api_key=[[v]]", ["key"]))
        #expect(before("the API key for staging is [[v]]", ["key"]))
        #expect(before("apiKey: [[v]]", ["key"]))                     // camel case
        #expect(before("two tokens: [[v]]", ["token"]))               // plural
        #expect(!before("the keyboard layout is [[v]]", ["key"]))
        #expect(!before("monkey [[v]]", ["key"]))
        #expect(!before("key, then a very long stretch of words [[v]]", ["key"], within: 16))
        #expect(LeakValidator.notPrecededBy(words: ["call us"], within: 40).accepts(bytes("reach Priya on 123"), 15..<18))
        #expect(!LeakValidator.notPrecededBy(words: ["call us"], within: 40).accepts(bytes("Call us at 123"), 11..<14))
    }

    /// The entropy thresholds of the default pack's generic secret rule
    /// keep at least 99 in 100 random values of the shortest length it
    /// accepts (a seeded generator: the same strings every run), and stay
    /// above repetitive values that merely look like keys; the published
    /// formats' floor stays below them and above placeholders.
    @Test func defaultThresholdsAreMeasured() throws {
        let pack = try RulePack(files: DefaultPack.files(in: "Rules"))
        func thresholds(_ id: String) -> [(Double, Double)] {
            pack.rule(id)!.leak!.policy.validators.compactMap { v -> (Double, Double)? in
                if case .entropy(let hex, let base64) = v { return (hex, base64) }
                return nil
            }
        }
        // The generic rule tells random values from words by entropy.
        let generic = thresholds("secret.leak.generic")
        #expect(generic.count == 1)
        // The published formats only keep placeholders out, below the generic thresholds.
        let floor = thresholds("secret.leak.cloud-key")
        #expect(floor.count == 1)
        for (hex, base64) in floor {
            #expect(hex <= generic[0].0 && base64 <= generic[0].1)
            #expect(LeakValidator.entropy(bytes("AKIAXXXXXXXXXXXXXXXX")) < base64)
            #expect(LeakValidator.entropy(bytes("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")) < base64)
        }
        var rng = SplitMix64(seed: 42)
        func percentile1(_ alphabet: String, length: Int) -> Double {
            let letters = Array(alphabet.utf8)
            let values = (0..<2000).map { _ in
                LeakValidator.entropy((0..<length).map { _ in letters[Int(rng.next() % UInt64(letters.count))] })
            }.sorted()
            return values[20]
        }
        let hex16 = percentile1("0123456789abcdef", length: 16)
        let base64x16 = percentile1("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length: 16)
        for (hex, base64) in generic {
            #expect(hex <= hex16, "hex threshold \(hex) drops more than 1% of random 16-character hex values (p1 \(hex16))")
            #expect(base64 <= base64x16, "base64 threshold \(base64) drops more than 1% of random 16-character values (p1 \(base64x16))")
            #expect(LeakValidator.entropy(bytes("deadbeefdeadbeef")) < hex)
            #expect(LeakValidator.entropy(bytes("abcabcabcabc1234")) < base64)
        }
    }
}

