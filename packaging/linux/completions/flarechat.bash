# bash completion for flarechat                                -*- shell-script -*-
# Installed as share/bash-completion/completions/flarechat; bash-completion loads it on first use.
# Commands, each command's options (as its --help lists them), file names for --settings,
# --database and --log-file, model aliases for ask --model, and the key subcommands.

_flarechat_models()
{
    # The aliases `flarechat models` lists (its local catalog: no network, no keychain).
    "${1:-flarechat}" models --no-keychain 2>/dev/null | awk 'NR > 1 && $1 != "-" { print $1 }'
}

_flarechat()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        # Without bash-completion: the plain words, and --option=value split by hand.
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur="${COMP_WORDS[COMP_CWORD]}"
        prev="${COMP_WORDS[COMP_CWORD - 1]}"
        if [[ $cur == --*=* ]]; then
            prev="${cur%%=*}"
            cur="${cur#*=}"
            split=true
        elif [[ $cur == = && $prev == --* ]]; then
            cur=""
        elif [[ $prev == = && $cword -ge 2 ]]; then
            prev="${COMP_WORDS[COMP_CWORD - 2]}"
        fi
    fi

    # A command is only ever the first word (`flarechat --settings F serve` opens the window), and
    # key's subcommand the word right after it.
    local command="" sub=""
    if ((cword > 1)); then
        case ${words[1]} in
            serve | ask | models | key) command="${words[1]}" ;;
        esac
        [[ $command == key ]] && ((cword > 2)) && sub="${words[2]}"
    fi

    case $prev in
        --settings | --database | --log-file)
            if declare -F _filedir >/dev/null; then
                _filedir
            else
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            fi
            return
            ;;
        -m | --model)
            mapfile -t COMPREPLY < <(compgen -W "$(_flarechat_models "${words[0]}")" -- "$cur")
            return
            ;;
        --bind)
            mapfile -t COMPREPLY < <(compgen -W "127.0.0.1 ::1 0.0.0.0 ::" -- "$cur")
            # ":" breaks words in bash: keep what is already typed out of the completions.
            declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
            return
            ;;
        --api-base)
            mapfile -t COMPREPLY < <(compgen -W "https://api.cloudflare.com/client/v4" -- "$cur")
            return
            ;;
        --account-id | --port | --api-key | --allowed-origin | --allowed-host | -s | --system | --max-tokens | --temperature | --name)
            return # a value of the user's own
            ;;
    esac
    $split && return

    local help="-h --help --help-all"
    local endpoint="--api-base --account-id --settings"
    local opts
    case $command in
        "")
            opts="$help -v --version $endpoint --database"
            if ((cword == 1)) && [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -W "serve ask models key" -- "$cur")
                return
            fi
            ;;
        serve)
            opts="$help $endpoint --no-keychain --port --bind --api-key --no-auth --allowed-origin --allowed-host
                --log-file --reasoning-inline --shutdown-grace"
            ;;
        ask)
            opts="$help $endpoint --no-keychain -m --model -s --system --max-tokens --temperature --hide-reasoning"
            [[ $cur != -* ]] && return # the prompt, or -
            ;;
        models)
            opts="$help $endpoint --no-keychain --json --live"
            ;;
        key)
            case $sub in
                "")
                    opts="-h --help"
                    if ((cword == 2)) && [[ $cur != -* ]]; then
                        mapfile -t COMPREPLY < <(compgen -W "new list revoke" -- "$cur")
                        return
                    fi
                    ;;
                new) opts="$help --settings --name" ;;
                list) opts="$help --settings --no-keychain" ;;
                revoke)
                    opts="$help --settings"
                    [[ $cur != -* ]] && return # a key's name or prefix
                    ;;
                *) return ;;
            esac
            ;;
        *)
            return
            ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
} &&
    complete -F _flarechat flarechat

# ex: filetype=sh
