# Sourced by the benchmarks: a corpus of distinct, realistic disclosures.
#
#   corpus_json DIR N   writes DIR/d0.json … DIR/d$((N-1)).json: the bundled
#                       real disclosures (parsed once each), copied under
#                       department names "…样本1", "…样本2", … so that every
#                       file is its own disclosure and each department keeps
#                       its run of years
#   now                 microseconds, without starting a process
# Needs YOY and a scratch directory $work.

now() { echo "${EPOCHREALTIME/./}"; }

corpus_json() {
	local dir=$1 n=$2 i=0 k=0 b
	mkdir -p "$work/base" "$dir"
	if [ -z "$(ls -A "$work/base")" ]; then
		for f in tests/data/*/*-budget.pdf tests/data/*/*-budget.txt; do
			i=$((i + 1))
			"$YOY" parse -q -o "$work/base/$i.json" "$f"
		done
	fi
	local nbase
	nbase=$(ls "$work/base" | wc -l)
	while [ "$k" -lt "$n" ]; do
		for b in "$work"/base/*.json; do
			[ "$k" -lt "$n" ] || break
			# the document's own department is the first "department"
			sed "0,/\"department\": \"\([^\"]*\)\"/s//\"department\": \"\1样本$((k / nbase + 1))\"/" \
				"$b" >"$dir/d$k.json"
			k=$((k + 1))
		done
	done
}
