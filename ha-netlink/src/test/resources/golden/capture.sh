#!/bin/bash
# Re-captures the golden netlink messages in this directory from iproute2 (run as root).
# Each *.hex file is one netlink datagram, as iproute2 sent it or the kernel answered it,
# taken from `strace -e write=FD -e read=FD` hex dumps. Nothing leaves the temporary namespace.
set -eu
cd "$(dirname "$0")"
NS=spare-golden-$$
ip netns add "$NS"
trap 'ip netns del "$NS"' EXIT
ip -n "$NS" link add eth0 address 4a:18:2b:46:31:b7 type veth peer name eth1 address 02:00:00:00:00:01
ip -n "$NS" link set eth1 up
ip -n "$NS" link set eth0 up
ip -n "$NS" addr add 10.99.0.2/24 dev eth0
ip -n "$NS" addr add fd99::2/64 dev eth0 nodad

# datagrams COMMAND...: prints "send HEX" / "recv HEX" per sendmsg/recvmsg, in order
datagrams() {
    ip netns exec "$NS" strace -xx -s 65536 -e trace=sendmsg,recvmsg -e write=3,4,5 -e read=3,4,5 "$@" 2>&1 >/dev/null |
        awk '/^(sendmsg|recvmsg)\(/ { if (hex != "") print dir, hex; dir = substr($0, 1, 4); hex = ""; next }
             /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { line = substr($0, 11, 49); gsub(/ /, "", line); hex = hex line }
             END { if (hex != "") print dir, hex }'
}
# pick DIRECTION TYPE COMMAND...: the first datagram in that direction whose first message has
# nlmsg_type TYPE (4 hex digits, little endian as on the wire: 1400 = RTM_NEWADDR)
pick() {
    local dir=$1 type=$2; shift 2
    datagrams "$@" | awk -v dir="$dir" -v type="$type" '$1 == dir && substr($2, 9, 4) == type { print $2; exit }'
}

pick send 1200 ip link show dev eth0 > getlink-eth0.request.hex
pick recv 1000 ip link show dev eth0 > getlink-eth0.reply.hex
pick send 1400 ip addr add 10.99.0.200/24 dev eth0 label eth0:vip > newaddr-v4-label.request.hex
pick send 1400 ip addr add fd99::200/64 dev eth0 nodad > newaddr-v6-nodad.request.hex
pick send 1500 ip addr del 10.99.0.200/24 dev eth0 > deladdr-v4.request.hex
pick send 1000 ip link add vrrp.51 link eth0 address 00:00:5e:00:01:33 type macvlan mode private > newlink-macvlan.request.hex
pick send 1000 ip link set vrrp.51 addrgenmode none > setlink-addrgenmode-none.request.hex
pick send 1000 ip link set vrrp.51 up > setlink-up.request.hex
pick send 1100 ip link del vrrp.51 > dellink.request.hex
# The kernel's answer to adding an address that is there already: NLMSG_ERROR with -EEXIST
pick recv 0200 ip addr add 10.99.0.2/24 dev eth0 > newaddr-eexist.reply.hex
# One datagram of an address dump (RTM_NEWADDR, NLM_F_MULTI) and the NLMSG_DONE that ends it
pick recv 1400 ip -4 addr show dev eth0 > getaddr-v4.reply.hex
pick recv 0300 ip -4 addr show dev eth0 > getaddr-done.reply.hex
# Route lookups as `ip route get` asks them: a local address (RTN_LOCAL) and one reached through the prefix route
pick send 1a00 ip -6 route get fd99::2 > getroute-v6.request.hex
pick recv 1800 ip -6 route get fd99::2 > getroute-v6-local.reply.hex
pick recv 1800 ip -6 route get fd99::99 > getroute-v6-unicast.reply.hex
