#!/usr/bin/env bash
# Seals (issue 15): the committee makes a key, an admin trusts it, the committee seals
# the demo; then the file is tampered with sqlite3 and `audit verify` must say what was
# found (and which seal it contradicts) and exit 2. A change made the ordinary way after
# the seal is reported as such and verify still passes.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
DB=$WORK/demo.sqlite
KEY=$WORK/committee/key
SEALS=$WORK/committee/seals.txt
mkdir -p "$WORK/committee"
"$BIN" demo --db "$DB" >/dev/null
gz() { "$BIN" --lang en "$@" --db "$DB"; }
# verify_says TEXT STATUS: audit verify (with the committee's file) prints TEXT and exits STATUS.
verify_says() {
  local out rc=0
  out=$(gz audit verify --seals "$SEALS" 2>&1) || rc=$?
  if [ "$rc" != "$2" ] || ! grep -qF -- "$1" <<<"$out"; then
    echo "--- exit $rc (wanted $2), output:"
    echo "$out"
    return 1
  fi
}

check "keygen writes FILE (0600) and FILE.pub" \
  bash -c "'$BIN' audit keygen --out '$KEY' >/dev/null && [ \"\$(stat -c %a '$KEY')\" = 600 ] && [ -s '$KEY.pub' ]"
check "keygen never overwrites a key" \
  bash -c "! '$BIN' audit keygen --out '$KEY' 2>/dev/null && '$BIN' --lang en audit keygen --out '$KEY' 2>&1 | grep -qF 'exists already'"
check "sealing before any key is trusted is refused" \
  bash -c "'$BIN' --lang en audit seal --key '$KEY' --db '$DB' 2>&1 | grep -qF 'No trusted key yet'"
check "an admin trusts the committee's key" bash -c "'$BIN' --lang en audit trust '$KEY.pub' --db '$DB' | grep -qF 'Trusted'"
"$BIN" audit keygen --out "$WORK/other" >/dev/null
check "a second key needs the first key's signature" \
  bash -c "'$BIN' --lang en audit trust '$WORK/other.pub' --db '$DB' 2>&1 | grep -qF -- '--signed-by OLDKEY'"
check "a key that is not trusted cannot seal" \
  bash -c "'$BIN' --lang en audit seal --key '$WORK/other' --db '$DB' 2>&1 | grep -qF 'is not the trusted key'"
start=$(date +%s%N)
check "the committee seals, appending to its file" \
  bash -c "'$BIN' --lang en audit seal --key '$KEY' --out '$SEALS' --db '$DB' | grep -qF 'Seal #1 signed'"
echo "  (audit seal on the demo: $((($(date +%s%N) - start) / 1000000)) ms)"
check "verify after sealing passes" verify_says "Nothing changed after the latest seal #1" 0
check "verify reports the guards" verify_says "Guards in place: 6 checks" 0

# An ordinary change after the seal: reported, not a contradiction.
gz setting set hospital.name "市第一人民医院（测试）" >/dev/null
check "a change after the seal is reported as such" verify_says "Changed after the latest seal #1 (not yet sealed)" 0

# A member renamed behind the program's back, before the seal.
member=$(sqlite3 "$DB" "SELECT id FROM member ORDER BY id LIMIT 1")
cp "$DB" "$WORK/clean.sqlite"
sqlite3 "$DB" "UPDATE member SET name = '王五' WHERE id = $member"
check "a row changed before the seal names table and row" verify_says "member $member field name: table has '王五'" 2
check "…and the seal it contradicts" verify_says "This contradicts seal #1" 2
check "…and the table digest the seal holds" verify_says "CONTRADICTS SEAL #1 (member)" 2

# A seal deleted from the database (trigger dropped first): the guard and the file say so.
cp "$WORK/clean.sqlite" "$DB"
sqlite3 "$DB" "DROP TRIGGER audit_seal_no_delete; DELETE FROM audit_seal"
check "a dropped trigger is a missing guard" verify_says "GUARD MISSING: trigger audit_seal_no_delete on audit_seal" 2
check "a seal deleted from the database is found with --seals" verify_says "is missing from the database" 2

# A forged line in the committee's file.
cp "$WORK/clean.sqlite" "$DB"
sed 's/ head=/ head=9/' "$SEALS" >>"$SEALS"
check "a forged seal line is found" verify_says "SEALS line 2: the signature by key" 2
finish
