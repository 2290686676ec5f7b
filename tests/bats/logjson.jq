# jq definitions for reading the tracer's JSON log (-j) in the bats tests:
#   jq -L "$BATS_TEST_DIRNAME" 'include "logjson"; ...'
# Written for jq 1.6 (Debian 12): numbers are doubles, so integers are only
# compared where they stay below 2^53 (addresses, pids, sizes do).

# --- selecting records -------------------------------------------------------

# Is this record the marker openat of tests/workloads/expect_line.h?
# which: "begin" or "end"
def marker($which; $tag):
  .type == "syscall" and .syscall == "openat" and
  .args.filename.str == "/aitrace-test/\($which)/\($tag)";

# Input: an array of syscall records in log order. Output: those between
# the begin and end markers of $tag (the first such region), in order; the
# markers themselves are left out.
def region($tag):
  foreach .[] as $r
    ({inside: false, done: false, out: null};
     if .done then .out = null
     elif .inside then
       (if ($r | marker("end"; $tag)) then {inside: false, done: true, out: null}
        else .out = $r end)
     elif ($r | marker("begin"; $tag)) then {inside: true, done: false, out: null}
     else .out = null end;
     .out // empty);

# Is this a syscall record of one of $pids (an array of numbers)?
def of($pids): .type == "syscall" and (.pid as $p | $pids | index([$p]) != null);

# --- rendering a syscall record as the text log shows it -----------------------

def hexdigit: "0123456789abcdef"[.:. + 1];

# A non-negative integer below 2^53 as 0x..., a "0x..." string as is.
def hex:
  if type == "string" then .
  elif . == 0 then "0x0"
  else [recurse(if . >= 16 then ((. - (. % 16)) / 16) else empty end) | . % 16 | hexdigit]
       | reverse | "0x" + join("")
  end;

# the UTF-8 bytes of a code point
def utf8:
  if . < 128 then [.]
  elif . < 2048 then [192 + ((. - (. % 64)) / 64), 128 + (. % 64)]
  elif . < 65536 then [224 + ((. - (. % 4096)) / 4096), 128 + (((. - (. % 64)) / 64) % 64), 128 + (. % 64)]
  else [240 + ((. - (. % 262144)) / 262144), 128 + (((. - (. % 4096)) / 4096) % 64),
        128 + (((. - (. % 64)) / 64) % 64), 128 + (. % 64)]
  end;

# The text log's escaping of a string's bytes (docs/log-format.md): \" \\
# \n \t \r, other bytes outside printable ASCII as \xHH. (A string whose
# invalid UTF-8 the JSON replaced with U+FFFD cannot be rendered back.)
def cesc:
  [explode[] | utf8[] |
   if . == 34 then "\\\"" elif . == 92 then "\\\\" elif . == 10 then "\\n"
   elif . == 9 then "\\t" elif . == 13 then "\\r"
   elif . < 32 or . >= 127 then "\\x" + ((. - (. % 16)) / 16 | hexdigit) + (. % 16 | hexdigit)
   else [.] | implode end] | join("");

# an fd's path as the text log decorates it: escaped, and < > too
def fdesc: cesc | gsub("<"; "\\x3c") | gsub(">"; "\\x3e");

def ubytes: [explode[] | utf8[]] | length;

# An argument as the text log shows it. $strmax: the start record's str_max
# (an argv string of exactly that many bytes in a vector marked cut is taken
# as cut: the JSON says only that some string was).
def argtext($strmax):
  if has("path") then # an fd with its path: from the keys, not the text
    "\(.raw)<" + (.path | fdesc) + (if .path_cut then "..." else "" end) + ">"
  elif has("text") then .text
  elif has("argv") then
    . as $a
    | [$a.argv[] | "\"" + cesc + "\"" + (if $a.cut and ubytes == $strmax then "..." else "" end)]
    | (if $a.more then . + ["..."] else . end)
    | "[" + join(", ") + "]"
  elif has("str") then "\"" + (.str | cesc) + "\"" + (if .cut then "..." else "" end)
  else "<no text>"
  end;

def rettext:
  if .ret == null then "?" + (if .unfinished then " <unfinished>" else "" end)
  elif has("errno_nr") then "-1 " + (.errno // "errno \(.errno_nr)")
  elif (.syscall | IN("mmap", "mmap2", "brk", "mremap", "shmat")) then (.ret | hex)
  else (.ret | tostring)
       + (if has("ret_path") then "<" + (.ret_path | fdesc) + (if .ret_path_cut then "..." else "" end) + ">" else "" end)
  end;

# "TID name(args) = ret <D>": the text log's line without its time, comm
# and pid, the errno's description and the duration's value (<D> where the
# line has one: two tracers time the same call differently).
def line($strmax):
  "\(.tid) \(.syscall)("
  + (if .entry_seen == false then "?"
     else [.args | to_entries[] | .value | select(.shown != false) | argtext($strmax)] | join(", ") end)
  + ") = " + rettext
  + (if .entry_seen == false then " <entry not seen>" elif has("duration_ns") then " <D>" else "" end);

# --- comparing ---------------------------------------------------------------------

# Does $a hold $e? Objects: every key of $e, recursively (a null in $e
# means the key must be absent or null); arrays: same length, element by
# element; anything else: equal.
def holds($e; $a):
  if $e == null then $a == null
  elif ($e | type) == "object" then
    ($a | type) == "object" and
    all($e | to_entries[]; . as $kv | holds($kv.value; $a[$kv.key]))
  elif ($e | type) == "array" then
    ($a | type) == "array" and ($e | length) == ($a | length) and
    all(range(0; $e | length); . as $i | holds($e[$i]; $a[$i]))
  else $e == $a end;

# The paths where $a does not hold $e, for a failure message.
def misses($e; $a):
  if $e == null then (if $a == null then empty else [[], $e, $a] end)
  elif ($e | type) == "object" then
    if ($a | type) != "object" then [[], $e, $a]
    else $e | to_entries[] | . as $kv
         | misses($kv.value; $a[$kv.key]) | .[0] = [$kv.key] + .[0] end
  elif ($e | type) == "array" and ($a | type) == "array" and ($e | length) == ($a | length) then
    range(0; $e | length) as $i | misses($e[$i]; $a[$i]) | .[0] = [$i] + .[0]
  elif $e == $a then empty
  else [[], $e, $a] end;
