# bash completion for yoy: commands, each command's options (read from its
# --help, so never out of date), department names from the history.
_yoy_repo_args() {
	local i
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		if [[ ${COMP_WORDS[i]} == --repo ]]; then
			printf -- '--repo\n%s\n' "${COMP_WORDS[i + 1]}"
			return
		fi
	done
}

_yoy() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local IFS=$'\n'
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "$(yoy --help 2>/dev/null | awk '/^  [a-z]+  / { print $1 }')
help" -- "$cur"))
		return
	fi
	local cmd=${COMP_WORDS[1]}
	[[ $cmd == help ]] && {
		COMPREPLY=($(compgen -W "$(yoy --help 2>/dev/null | awk '/^  [a-z]+  / { print $1 }')" -- "$cur"))
		return
	}
	case $prev in
	--repo | -o | --output | --prior)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W "$(yoy "$cmd" --help 2>/dev/null |
			sed -n 's/.*--format[^a-z]*\([a-z|, ]*\).*/\1/p' | tr '|, ' '\n\n\n' | grep -v '^$')" -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(yoy "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	case $cmd in
	parse | import)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	log | show | diff | check | report | trend | mv)
		local repo=($(_yoy_repo_args))
		COMPREPLY=($(compgen -W "$(yoy log "${repo[@]}" 2>/dev/null | grep -v '^ ')" -- "$cur"))
		[[ $cmd == check || $cmd == diff ]] && COMPREPLY+=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _yoy yoy
