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
      readonly kind: 'route-replace'
      readonly eniId: string
      readonly table: number
      readonly dst: string
      readonly ifname: string
      readonly gateway: string | undefined
      readonly src: string | undefined
    }
  | { readonly kind: 'table-flush'; readonly eniId: string; readonly table: number }
  | {
      readonly kind: 'rule-add' | 'rule-del'
      readonly eniId: string
      /** `a.b.c.d/32` */
      readonly from: string
      readonly table: number
      readonly priority: number
    }
