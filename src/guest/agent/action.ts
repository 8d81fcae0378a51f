// What a reconcile pass does to the kernel: one entry per `ip` command (see ip-commands.ts).

export type Action =
  | {
      readonly kind: 'addr-add'
      readonly eniId: string
      readonly ifname: string
      readonly ip: string
      readonly prefixLength: number
      readonly label: string | undefined
    }
  | {
      readonly kind: 'addr-del'
      readonly eniId: string
      readonly ifname: string
      readonly ip: string
      readonly prefixLength: number
    }
  | {
      /** an IPv6 address with the vSwitch /64, `nodad` */
      readonly kind: 'addr6-add'
      readonly eniId: string
      readonly ifname: string
      readonly ip: string
    }
  | {
      readonly kind: 'addr6-del'
      readonly eniId: string
      readonly ifname: string
      readonly ip: string
      readonly prefixLength: number
    }
  | {
      /** a delegated prefix as a local range (AnyIP) on the ENI's interface */
      readonly kind: 'prefix-add' | 'prefix-del'
      readonly eniId: string
      readonly ifname: string
      readonly cidr: string
      readonly family: 4 | 6
    }
  | {
      readonly kind: 'route-replace'
      readonly family?: 6
      readonly eniId: string
      readonly table: number
      readonly dst: string
      readonly ifname: string
      readonly gateway: string | undefined
      readonly src: string | undefined
    }
  | {
      readonly kind: 'table-flush'
      readonly family?: 6
      readonly eniId: string
      readonly table: number
    }
  | {
      readonly kind: 'rule-add' | 'rule-del'
      /** IPv6 rule (`ip -6 rule`) when 6; IPv4 otherwise */
      readonly family?: 6
      readonly eniId: string
      /** `a.b.c.d/32`, `x::y/128` or a prefix */
      readonly from: string
      readonly table: number
      readonly priority: number
    }
