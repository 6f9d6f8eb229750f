#!/usr/bin/python3
"""An independent RFC 9162 check, written from the RFC's text with nothing but hashlib (and, for the
checkpoint signature, python3-cryptography). Reads a JSON job on stdin, prints one line per finding, exits 1
on any failure. It shares no code with TnAcme: it recomputes the tree from the raw entries, generates its own
proofs by the RFC's recursive PATH/SUBPROOF definitions, compares them with the server's, and verifies the
server's proofs with the RFC's verification algorithms (sections 2.1.3.2 and 2.1.4.2)."""
import base64, hashlib, json, sys

def leaf_hash(entry): return hashlib.sha256(b"\x00" + entry).digest()
def node_hash(l, r): return hashlib.sha256(b"\x01" + l + r).digest()

def split(n):
    k = 1
    while k * 2 < n: k *= 2
    return k

def mth(leaves):  # leaves: list of leaf hashes
    n = len(leaves)
    if n == 0: return hashlib.sha256(b"").digest()
    if n == 1: return leaves[0]
    k = split(n)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))

def path(m, leaves):
    n = len(leaves)
    if n == 1: return []
    k = split(n)
    if m < k: return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]

def subproof(m, leaves, b):
    n = len(leaves)
    if m == n: return [] if b else [mth(leaves)]
    k = split(n)
    if m <= k: return subproof(m, leaves[:k], b) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]

def verify_inclusion(h, index, size, proof, root):
    if index >= size: return False
    fn, sn, r = index, size - 1, h
    for p in proof:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1; sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1; sn >>= 1
    return sn == 0 and r == root

def verify_consistency(first, second, first_root, second_root, proof):
    if first == second: return not proof and first_root == second_root
    if first == 0: return not proof
    if not proof: return False
    if first & (first - 1) == 0: proof = [first_root] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1; sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr); sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1; sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1; sn >>= 1
    return fr == first_root and sr == second_root and sn == 0

def b64(s): return base64.b64decode(s)

def check_note(job, failures):
    """C2SP signed note: key id = SHA-256(name || 0x0A || 0x01 || pub)[:4]; Ed25519 over the text."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    name, key_id_hex, key_b64 = job["verifierKey"].strip().split("+", 2)
    raw = b64(key_b64)
    if raw[0] != 1: failures.append("verifier key is not Ed25519")
    pub = raw[1:]
    key_id = hashlib.sha256(name.encode() + b"\n" + b"\x01" + pub).digest()[:4]
    if key_id.hex() != key_id_hex: failures.append("key id in the verifier key is wrong")
    note = job["checkpoint"]
    text, sigs = note[: note.rindex("\n\n") + 1], note[note.rindex("\n\n") + 2 :].rstrip("\n").split("\n")
    ok = False
    for line in sigs:
        dash, signer, blob = line.split(" ")
        blob = b64(blob)
        if dash == "\u2014" and signer == name and blob[:4] == key_id:
            try:
                Ed25519PublicKey.from_public_bytes(pub).verify(blob[4:], text.encode())
                ok = True
            except Exception:
                failures.append("checkpoint signature does not verify")
    if not ok: failures.append("no valid signature by the log key")
    lines = text.rstrip("\n").split("\n")
    if lines[0] != name: failures.append("origin differs from the key name")
    return int(lines[1]), b64(lines[2])

def main():
    job = json.load(sys.stdin)
    failures = []
    leaves = [leaf_hash(b64(e)) for e in job["entries"]]
    if "leafHashes" in job and [b64(h) for h in job["leafHashes"]] != leaves:
        failures.append("served leaf hashes differ from SHA-256(0x00 || entry)")
    roots = {}
    if "checkpoint" in job:
        size, root = check_note(job, failures)
        if mth(leaves[:size]) != root: failures.append(f"root recomputed from {size} leaves differs from the checkpoint")
        roots[size] = root
    for r in job.get("roots", []):
        size, root = r["treeSize"], b64(r["root"])
        if mth(leaves[:size]) != root: failures.append(f"root of size {size} differs")
        roots[size] = root
    for p in job.get("inclusion", []):
        i, n, proof = p.get("index", p.get("leafIndex")), p["treeSize"], [b64(x) for x in p["proof"]]
        if proof != path(i, leaves[:n]): failures.append(f"inclusion proof ({i},{n}) differs from PATH")
        if not verify_inclusion(leaves[i], i, n, proof, mth(leaves[:n])): failures.append(f"inclusion proof ({i},{n}) does not verify")
    for p in job.get("consistency", []):
        m, n, proof = p["first"], p["second"], [b64(x) for x in p["proof"]]
        expected = subproof(m, leaves[:n], True) if 0 < m < n else []
        if proof != expected: failures.append(f"consistency proof ({m},{n}) differs from PROOF")
        if not verify_consistency(m, n, mth(leaves[:m]), mth(leaves[:n]), proof): failures.append(f"consistency proof ({m},{n}) does not verify")
    for f in failures: print("FAIL " + f)
    print(f"checked {len(leaves)} leaves, {len(job.get('inclusion', []))} inclusion and {len(job.get('consistency', []))} consistency proofs: " + ("ok" if not failures else "FAILED"))
    sys.exit(1 if failures else 0)

main()
